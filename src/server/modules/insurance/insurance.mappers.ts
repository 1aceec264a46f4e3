import type { TInsuranceChoice, TInsuranceQuote, TInsurer, TPlan } from './insurance.contract.js';
import type { ChoiceView } from './insurance.repository.js';
import type { InsurerRow, PlanRow, QuoteRow } from './insurance.schema.js';

// The one place insurance rows become API objects.

export function toInsurer(row: InsurerRow, connection: { connected: boolean; sandbox: boolean }): TInsurer {
  return {
    code: row.code,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    status: row.status,
    displayOrder: row.displayOrder,
    connected: connection.connected,
    sandbox: connection.sandbox,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toQuote(quote: QuoteRow, plans: PlanRow[]): TInsuranceQuote {
  const totals = plans.flatMap((p) => (p.status === 'quoted' && p.totalFen !== null ? [p.totalFen] : []));
  const lowest = totals.length > 0 ? Math.min(...totals) : null;
  return {
    id: quote.id,
    listingId: quote.listingId,
    vehicle: {
      valueFen: quote.valueFen,
      energy: quote.energy,
      seats: quote.seats,
      cityCode: quote.cityCode,
      used: quote.used,
      firstRegistrationYear: quote.firstRegistrationYear,
      accidentFreeYears: quote.accidentFreeYears,
    },
    coverages: quote.coverages,
    plans: plans.map((p) => toPlan(p, lowest)),
    createdAt: quote.createdAt.toISOString(),
    validUntil: quote.validUntil.toISOString(),
  };
}

function toPlan(row: PlanRow, lowest: number | null): TPlan {
  return {
    insurerCode: row.insurerCode,
    insurerNameZh: row.insurerNameZh,
    insurerNameEn: row.insurerNameEn,
    status: row.status,
    lines: row.lines,
    totalFen: row.totalFen,
    validUntil: row.validUntil?.toISOString() ?? null,
    sandbox: row.sandbox,
    cheapest: row.status === 'quoted' && row.totalFen !== null && row.totalFen === lowest,
  };
}

export function toChoice(view: ChoiceView): TInsuranceChoice {
  const { choice, plan } = view;
  return {
    id: choice.id,
    buyerId: choice.buyerId,
    quoteId: choice.quoteId,
    listingId: view.listingId,
    insurerCode: choice.insurerCode,
    insurerNameZh: plan.insurerNameZh,
    insurerNameEn: plan.insurerNameEn,
    coverages: choice.coverages,
    lines: choice.lines,
    totalFen: choice.totalFen,
    sandbox: plan.sandbox,
    chosenAt: choice.chosenAt.toISOString(),
  };
}
