import { shanghaiDay } from '../../kernel/clock.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation } from '../../kernel/mutation.js';
import {
  productIssues,
  type TCreateFinanceProductRequest,
  type TFinancePlansRequest,
  type TFinancePlansResponse,
  type TFinanceProduct,
  type TProductFields,
  type TProductOffer,
  type TUpdateFinanceProductRequest,
  USED_CAR_MIN_DOWN_BP,
} from './finance.contract.js';
import { LENDER_CODES } from './finance.enums.js';
import { toFinanceProduct, toProductFields } from './finance.mappers.js';
import { FinanceProductEvents } from './finance.products.events.js';
import {
  type CarForPlan,
  minDownPaymentBp,
  minimumFen,
  planFor,
  productApplies,
  termsFor,
} from './finance.products.plans.js';
import * as repo from './finance.products.repository.js';
import type { FinanceProductRow } from './finance.schema.js';

// Finance products of partner lenders: the console's list and edits (audited, with an event), and the
// public answer "which loans can I get for this car, and what does each cost".

const yuan = (fen: number) => (fen / 100).toFixed(2);

// ---- console ----

export async function listProducts(db: DbHandle, now: Date): Promise<TFinanceProduct[]> {
  const day = shanghaiDay(now);
  return (await repo.listProducts(db)).map((row) => toFinanceProduct(row, day));
}

export async function getProduct(db: DbHandle, id: string, now: Date): Promise<TFinanceProduct> {
  const row = await repo.findProduct(db, id);
  if (!row) throw new AppError('FINANCE_PRODUCT_NOT_FOUND');
  return toFinanceProduct(row, shanghaiDay(now));
}

/** Adds a lender's product (version 1); audited, `finance.product_created`. */
export async function createProduct(
  db: DbHandle,
  input: TCreateFinanceProductRequest,
  mutation: Mutation,
): Promise<TFinanceProduct> {
  const row: FinanceProductRow = {
    id: newId('fp'),
    ...input,
    version: 1,
    createdAt: mutation.at,
    updatedAt: mutation.at,
  };
  return withTransaction(db, async (tx) => {
    await repo.insertProduct(tx, row);
    await audit(tx, mutation, {
      action: 'finance.product.create',
      entityType: 'finance_product',
      entityId: row.id,
      before: null,
      after: row,
    });
    await publish(
      tx,
      FinanceProductEvents.productCreated,
      row.id,
      { productId: row.id, lenderCode: row.lenderCode },
      mutation.at,
    );
    return toFinanceProduct(row, shanghaiDay(mutation.at));
  });
}

/**
 * Changes a product read at `input.version`: refused with FINANCE_PRODUCT_VERSION_CONFLICT when someone
 * saved since, and with FINANCE_PRODUCT_INVALID when the change leaves the product inconsistent as a whole
 * (the same rules as a new product). Plans already shown are not stored, so nothing else changes.
 */
export async function updateProduct(
  db: DbHandle,
  id: string,
  input: TUpdateFinanceProductRequest,
  mutation: Mutation,
): Promise<TFinanceProduct> {
  const { version, ...change } = input;
  return withTransaction(db, async (tx) => {
    const before = await repo.lockProduct(tx, id);
    if (!before) throw new AppError('FINANCE_PRODUCT_NOT_FOUND');
    if (before.version !== version) {
      throw new AppError('FINANCE_PRODUCT_VERSION_CONFLICT', { currentVersion: before.version });
    }
    const defined = Object.fromEntries(
      Object.entries(change).filter(([, v]) => v !== undefined),
    ) as Partial<TProductFields>;
    const merged: TProductFields = { ...toProductFields(before), ...defined };
    const issues = productIssues(merged);
    if (issues.length > 0) {
      throw new AppError('FINANCE_PRODUCT_INVALID', {
        fields: issues.map((i) => ({ path: `body.${i.path}`, message: i.message })),
      });
    }
    const set = { ...defined, version: before.version + 1, updatedAt: mutation.at };
    await repo.updateProduct(tx, id, set);
    const after: FinanceProductRow = { ...before, ...set };
    await audit(tx, mutation, {
      action: 'finance.product.update',
      entityType: 'finance_product',
      entityId: id,
      before,
      after,
    });
    await publish(
      tx,
      FinanceProductEvents.productUpdated,
      id,
      { productId: id, version: after.version, fields: Object.keys(defined) },
      mutation.at,
    );
    return toFinanceProduct(after, shanghaiDay(mutation.at));
  });
}

// ---- plans for a car ----

function belowMinimum(minimum: number): AppError {
  return new AppError('FINANCE_DOWN_PAYMENT_BELOW_MINIMUM', {
    minimumFen: minimum,
    minimumYuan: yuan(minimum),
    fields: [
      {
        path: 'body.downPaymentFen',
        message: { zh: `首付至少 ${yuan(minimum)} 元`, en: `at least CNY ${yuan(minimum)} down` },
      },
    ],
  });
}

function offerFor(row: FinanceProductRow, car: CarForPlan, req: TFinancePlansRequest): TProductOffer {
  const p = toProductFields(row);
  const minBp = minDownPaymentBp(p, car);
  const minFen = minimumFen(car.priceFen, minBp);
  const downPaymentFen = req.downPaymentFen ?? minFen;
  const meetsMinimum = downPaymentFen >= minFen;
  const principalFen = car.priceFen - downPaymentFen;
  const terms = termsFor(p, car).filter(
    (t) => req.termMonths === undefined || t.termMonths === req.termMonths,
  );
  // Fees at or above the loan leave nothing lent: such a plan is not offered.
  const lends = principalFen > p.feesFen;
  return {
    productId: row.id,
    lenderCode: row.lenderCode,
    name: { zh: row.nameZh, en: row.nameEn },
    rateKind: row.rateKind,
    method: row.method,
    subsidised: row.subsidised,
    referenceRateBp: row.referenceRateBp,
    brands: row.brands,
    validTo: row.validTo,
    minDownPaymentBp: minBp,
    minDownPaymentFen: minFen,
    downPaymentFen,
    principalFen,
    meetsMinimum,
    plans: meetsMinimum && lends ? terms.map((t) => planFor(p, t, car.priceFen, downPaymentFen)) : [],
  };
}

/**
 * The products offered today that apply to the car, each with its minimum down payment and, per term,
 * the plan (monthly payment, interest, fees, APR, platform subsidy). With `productId` the request is for
 * one product and its limits are errors: a down payment below its minimum, a term it does not offer.
 * A used car's 30% floor is an error whatever the product.
 */
export async function financePlans(
  db: DbHandle,
  req: TFinancePlansRequest,
  now: Date,
): Promise<TFinancePlansResponse> {
  const day = req.date ?? shanghaiDay(now);
  const car: CarForPlan = { priceFen: req.priceFen, energy: req.energy, used: req.used, brand: req.brand };
  if (car.used && req.downPaymentFen !== undefined) {
    const floor = minimumFen(car.priceFen, USED_CAR_MIN_DOWN_BP);
    if (req.downPaymentFen < floor) throw belowMinimum(floor);
  }
  const rows = (await repo.listOfferedProducts(db, day)).sort(
    (a, b) => LENDER_CODES.indexOf(a.lenderCode) - LENDER_CODES.indexOf(b.lenderCode),
  );
  if (req.productId !== undefined) {
    const row = rows.find((r) => r.id === req.productId);
    if (!row || !productApplies(toProductFields(row), car)) throw new AppError('FINANCE_PRODUCT_NOT_FOUND');
    const offer = offerFor(row, car, req);
    if (!offer.meetsMinimum) throw belowMinimum(offer.minDownPaymentFen);
    if (req.termMonths !== undefined && offer.plans.length === 0) {
      throw new AppError('FINANCE_TERM_NOT_OFFERED', {
        fields: [{ path: 'body.termMonths', message: { zh: '该产品不提供此期限', en: 'not offered' } }],
      });
    }
    return { priceFen: car.priceFen, date: day, products: [offer] };
  }
  const products = rows
    .filter((row) => {
      const p = toProductFields(row);
      // A term asked for that a product does not offer leaves the product out.
      const term = req.termMonths;
      return (
        productApplies(p, car) && (term === undefined || termsFor(p, car).some((t) => t.termMonths === term))
      );
    })
    .map((row) => offerFor(row, car, req));
  return { priceFen: car.priceFen, date: day, products };
}
