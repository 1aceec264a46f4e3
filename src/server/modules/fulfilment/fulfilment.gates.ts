import type { DbHandle } from '../../kernel/db/client.js';
import type { ErrorCode } from '../../kernel/http/errors.js';
import type { TCompletionBlocker } from './fulfilment.aftersales.contract.js';
import { reinspectionGate } from './fulfilment.aftersales.reinspection.js';
import { titleTransferGate } from './fulfilment.aftersales.title-transfer.js';
import * as repo from './fulfilment.repository.js';

// The conditions an order must meet before it completes. Each gate answers null when it passes, or what is
// still open: the handover (here), and for a used car the re-inspection and the title transfer
// (fulfilment.aftersales.*).

export interface GateBlock {
  /** The error code the caller answers with (409). */
  readonly code: ErrorCode;
  /** Which gate blocked, for the details and the console. */
  readonly gate: string;
  readonly details?: Record<string, unknown>;
}

export type CompletionGate = (tx: DbHandle, orderId: string) => Promise<GateBlock | null>;

/** The car was handed over: every PDI and handover item signed, the invoice recorded, the buyer accepted. */
export const handoverGate: CompletionGate = async (tx, orderId) => {
  const d = await repo.findDeliveryByOrder(tx, orderId);
  if (!d) return { code: 'DELIVERY_GATE_OPEN', gate: 'handover', details: { missing: ['delivery'] } };
  const open = (await repo.listChecklist(tx, d.id))
    .filter((i) => i.signedAt === null)
    .map((i) => `${i.kind}.${i.code}`);
  const missing = [
    ...open,
    ...(d.invoiceNumber === null ? ['invoice'] : []),
    ...(d.acceptedAt === null ? ['buyer_acceptance'] : []),
  ];
  return missing.length > 0 ? { code: 'DELIVERY_GATE_OPEN', gate: 'handover', details: { missing } } : null;
};

/** An after-sales gate's answer in the gates' terms: one 409 code, the gate's name and its own words. */
function afterSalesGate(
  gate: string,
  check: (tx: DbHandle, orderId: string) => Promise<TCompletionBlocker | null>,
): CompletionGate {
  return async (tx, orderId) => {
    const block = await check(tx, orderId);
    return block
      ? {
          code: 'DELIVERY_GATE_OPEN',
          gate,
          details: { blocker: block.code, reason: block.message, ...block.details },
        }
      : null;
  };
}

export const completionGates: readonly CompletionGate[] = [
  handoverGate,
  afterSalesGate('reinspection', reinspectionGate),
  afterSalesGate('title_transfer', (tx, orderId) => titleTransferGate(tx, orderId)),
];

/** The first gate that blocks, or null when the order may complete. */
export async function firstOpenGate(
  tx: DbHandle,
  orderId: string,
  gates: readonly CompletionGate[] = completionGates,
): Promise<GateBlock | null> {
  for (const gate of gates) {
    const block = await gate(tx, orderId);
    if (block) return block;
  }
  return null;
}
