import { shanghaiDay } from '../../kernel/clock.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { notify } from '../../kernel/notify/notify.js';
import * as repo from './inventory.repository.js';

// The morning stock alert to supply-chain staff (004 四(三)): aged stock over 60 and 90 days, and trims at
// stores running low. One in-app notification per day to the role, only when there is something to act on.

/** Fewer available units than this at a store, for a trim it stocks, is low. */
export const LOW_STOCK_THRESHOLD = 2;

export interface StockAlert {
  readonly aged60: number;
  readonly aged90: number;
  readonly lowStock: number;
  readonly sent: boolean;
}

export async function sendStockAlert(db: DbHandle, now: Date): Promise<StockAlert> {
  const aged = await repo.agedAvailableCounts(db, now);
  const lowStock = await repo.lowStockCount(db, LOW_STOCK_THRESHOLD);
  const alert = { aged60: aged.over60, aged90: aged.over90, lowStock };
  if (alert.aged60 === 0 && alert.lowStock === 0) return { ...alert, sent: false };
  await notify(db, {
    recipient: { kind: 'role', role: 'supply_chain' },
    templateKey: 'inventory.stock_alert',
    params: { ...alert, threshold: LOW_STOCK_THRESHOLD },
    channels: ['in_app'],
    link: '/console/inventory',
    at: now,
    dedupKey: `inventory.stock_alert:${shanghaiDay(now)}`,
  });
  return { ...alert, sent: true };
}
