import { createHash } from 'node:crypto';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation, staffOf } from '../../kernel/mutation.js';
import type { TBankTransferFields, TPaymentIntent } from './payments.contract.js';
import { PROOF_MAX_BYTES } from './payments.enums.js';
import { announceMismatch, succeedIntent } from './payments.intents.js';
import { toPaymentIntent } from './payments.mappers.js';
import * as repo from './payments.repository.js';

/** The proof's type by its first bytes (never by its name or the browser's word). */
export function sniffProofType(bytes: Buffer): string | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (
    bytes.length >= 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'image/png';
  if (
    bytes.length >= 12 &&
    bytes.toString('latin1', 0, 4) === 'RIFF' &&
    bytes.toString('latin1', 8, 12) === 'WEBP'
  )
    return 'image/webp';
  if (bytes.length >= 5 && bytes.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf';
  return null;
}

/**
 * Finance records a bank transfer that arrived for a bank-transfer intent, with the bank's receipt (回单) as
 * proof: the amount must be exactly the intent's (otherwise nothing is recorded and risk is told), then the
 * intent succeeds and the ledger gets the payment. The same Idempotency-Key returns the first result.
 */
export async function recordBankTransfer(
  db: DbHandle,
  intentId: string,
  fields: TBankTransferFields,
  file: { bytes: Buffer; filename: string },
  idempotencyKey: string | null,
  mutation: Mutation,
): Promise<TPaymentIntent> {
  const staff = staffOf(mutation);
  if (idempotencyKey) {
    const first = await repo.findProofByKey(db, idempotencyKey);
    if (first && first.intentId === intentId) {
      const row = await repo.findIntent(db, intentId);
      if (row) return toPaymentIntent(row);
    }
  }
  const contentType = sniffProofType(file.bytes);
  if (!contentType || file.bytes.length > PROOF_MAX_BYTES) throw new AppError('BANK_TRANSFER_PROOF_INVALID');
  const mismatch = await withTransaction(db, async (tx) => {
    const row = await repo.lockIntent(tx, intentId);
    if (!row) throw new AppError('PAYMENT_INTENT_NOT_FOUND');
    if (row.provider !== 'bank_transfer') throw new AppError('PAYMENT_NOT_BANK_TRANSFER');
    if (fields.amountFen !== row.amountFen) {
      // Committed on its own (the refusal below rolls nothing back of it): risk must hear of it.
      await announceMismatch(tx, row, fields.amountFen, 'CNY', mutation.at);
      await audit(tx, mutation, {
        action: 'payment_intent.amount_mismatch',
        entityType: 'payment_intent',
        entityId: row.id,
        after: {
          expectedFen: row.amountFen,
          receivedFen: fields.amountFen,
          bankReference: fields.bankReference,
        },
      });
      return { expectedFen: row.amountFen, receivedFen: fields.amountFen };
    }
    await succeedIntent(tx, row, fields.bankReference, 0, mutation);
    await repo.insertProof(tx, {
      id: newId('prf'),
      intentId: row.id,
      bankReference: fields.bankReference,
      payerName: fields.payerName,
      amountFen: fields.amountFen,
      contentType,
      filename: file.filename.slice(0, 200),
      sizeBytes: file.bytes.length,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      bytes: file.bytes,
      idempotencyKey,
      recordedBy: staff.accountId,
      createdAt: mutation.at,
    });
    return null;
  });
  if (mismatch) throw new AppError('BANK_TRANSFER_AMOUNT_MISMATCH', mismatch);
  return toPaymentIntent(
    (await repo.findIntent(db, intentId)) ??
      (() => {
        throw new AppError('PAYMENT_INTENT_NOT_FOUND');
      })(),
  );
}

/** The proof file of a recorded transfer. */
export async function transferProof(
  db: DbHandle,
  intentId: string,
): Promise<{ contentType: string; bytes: Buffer; filename: string }> {
  const proof = await repo.findProofOfIntent(db, intentId);
  if (!proof) throw new AppError('PAYMENT_INTENT_NOT_FOUND');
  return { contentType: proof.contentType, bytes: proof.bytes, filename: proof.filename };
}
