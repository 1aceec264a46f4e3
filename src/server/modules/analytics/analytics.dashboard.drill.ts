import { z } from 'zod';
import { shanghaiDayStart } from '../../kernel/clock.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { AppError } from '../../kernel/http/errors.js';
import { decodeCursor, toPage } from '../../kernel/http/pagination.js';
import { seriesWithBrandNames } from '../catalog/index.js';
import type { TDrillItem, TDrillPage, TDrillQuery } from './analytics.dashboard.contract.js';
import { daysOf, effectiveDealer } from './analytics.dashboard.js';
import { listFacts } from './analytics.facts.repository.js';
import { METRIC_DEFS } from './analytics.metrics.js';

// The list behind a card: the facts whose rollups make its figure, read from analytics_facts by time (an
// indexed, paged read of one page, not an aggregate), with the same range and filters as the dashboard.

const ZCursor = z.object({ at: z.string(), id: z.string() });
const DAY_MS = 86_400_000;

export async function drillDown(
  db: DbHandle,
  query: TDrillQuery,
  scope: { dealerId: string | null; lang: 'zh-CN' | 'en' },
): Promise<TDrillPage> {
  const kinds = METRIC_DEFS[query.metric].drill;
  if (!kinds) throw new AppError('ANALYTICS_METRIC_NOT_DRILLABLE');
  daysOf(query.from, query.to);
  const dealerId = effectiveDealer(query.dealerId, scope.dealerId);
  const rows = await listFacts(db, {
    kinds,
    from: shanghaiDayStart(query.from),
    to: new Date(shanghaiDayStart(query.to).getTime() + DAY_MS),
    cityCode: query.cityCode,
    brandId: query.brandId,
    dealerId,
    channel: query.channel,
    after: decodeCursor(query.cursor, ZCursor),
    limit: query.limit,
  });
  const names = new Map(
    (
      await seriesWithBrandNames(
        db,
        rows.flatMap((r) => (r.seriesId ? [r.seriesId] : [])),
      )
    ).map((s) => [s.id, scope.lang === 'en' ? `${s.brandNameEn} ${s.nameEn}` : `${s.brandName} ${s.name}`]),
  );
  return toPage(
    rows,
    query.limit,
    (r): TDrillItem => ({
      factId: r.id,
      kind: r.kind,
      occurredAt: r.occurredAt.toISOString(),
      subjectId: r.subjectId,
      orderNumber: typeof r.props.orderNumber === 'string' ? r.props.orderNumber : null,
      cityCode: r.cityCode,
      brandId: r.brandId,
      seriesId: r.seriesId,
      vehicle: r.seriesId ? (names.get(r.seriesId) ?? null) : null,
      dealerId: r.dealerId,
      channel: r.channel,
      amountFen: r.amountFen,
      costFen: r.costFen,
      props: r.props,
    }),
    (r) => ({ at: r.occurredAt.toISOString(), id: r.id }),
  );
}
