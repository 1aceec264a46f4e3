import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../kernel/context.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import type { Mutation } from '../../kernel/mutation.js';
import { chatHub } from './leads.consultation.bus.js';
import type { TConversation } from './leads.consultation.contract.js';
import { CHAT_IMAGE_MAX_BYTES, CHAT_IMAGE_TYPES } from './leads.consultation.enums.js';
import * as repo from './leads.consultation.repository.js';
import { leadConversationTable } from './leads.consultation.schema.js';
import { getConversation, publishContactOnce, vehicleOfRow } from './leads.consultation.service.js';
import {
  announce,
  append,
  type ChatParty,
  requireParty,
  sideOf,
  visible,
} from './leads.consultation.shared.js';
import { LeadsEvents } from './leads.events.js';

// ---------------------------------------------------------------------------------------------------------
// Contact, callback, read marks, images

export async function leaveContact(
  ctx: AppContext,
  party: ChatParty | null,
  id: string,
  input: { name: string; phone: string; consentToContact: boolean },
  mutation: Mutation,
): Promise<TConversation> {
  const p = requireParty(party);
  if (p.kind === 'staff') throw new AppError('FORBIDDEN');
  await withTransaction(ctx.database.db, async (tx) => {
    const row = await visible(tx, id, p, true);
    const updated =
      (await repo.updateConversation(tx, id, {
        contactName: input.name,
        contactPhone: input.phone,
        consentToContact: input.consentToContact,
        updatedAt: mutation.at,
      })) ?? row;
    await append(
      tx,
      updated,
      { sender: 'system', systemKind: 'contact_left', systemParams: { name: input.name } },
      mutation.at,
    );
    await publishContactOnce(tx, updated, mutation.at);
  });
  await announce(ctx, id);
  return getConversation(ctx, p, id);
}

/** Nobody could answer now: the buyer leaves a number and a time to be called back (a lead). */
export async function requestCallback(
  ctx: AppContext,
  party: ChatParty | null,
  id: string,
  input: { name: string; phone: string; preferredTime: string | null; consentToContact: boolean },
  mutation: Mutation,
): Promise<TConversation> {
  const p = requireParty(party);
  if (p.kind === 'staff') throw new AppError('FORBIDDEN');
  await withTransaction(ctx.database.db, async (tx) => {
    const row = await visible(tx, id, p, true);
    const updated =
      (await repo.updateConversation(tx, id, {
        contactName: input.name,
        contactPhone: input.phone,
        consentToContact: input.consentToContact,
        contactEventSent: true,
        updatedAt: mutation.at,
      })) ?? row;
    await append(
      tx,
      updated,
      {
        sender: 'system',
        systemKind: 'callback_requested',
        systemParams: { preferredTime: input.preferredTime ?? '' },
      },
      mutation.at,
    );
    await publish(
      tx,
      LeadsEvents.consultationContactLeft,
      id,
      {
        conversationId: id,
        kind: 'callback_request',
        buyerId: row.buyerId,
        name: input.name,
        phone: input.phone,
        cityCode: row.cityCode,
        vehicle: vehicleOfRow(row),
        source: row.source,
        // Asking to be called back is asking to be contacted.
        consentToContact: true,
        note: input.preferredTime,
      },
      mutation.at,
    );
  });
  await announce(ctx, id);
  return getConversation(ctx, p, id);
}

/** The reader has seen up to `seq`; the other side's read ticks follow. */
export async function markRead(
  ctx: AppContext,
  party: ChatParty | null,
  id: string,
  seq: number,
): Promise<number> {
  const p = requireParty(party);
  const side = sideOf(p);
  const db = ctx.database.db;
  const row = await visible(db, id, p, false);
  const upTo = Math.min(seq, row.lastSeq);
  const column = side === 'buyer' ? leadConversationTable.buyerReadSeq : leadConversationTable.advisorReadSeq;
  await db
    .update(leadConversationTable)
    .set(
      side === 'buyer'
        ? { buyerReadSeq: sql`greatest(${column}, ${upTo})` }
        : { advisorReadSeq: sql`greatest(${column}, ${upTo})` },
    )
    .where(eq(leadConversationTable.id, id));
  await chatHub(ctx).signal(id, { type: 'read', conversationId: id, side, seq: upTo });
  return upTo;
}

export async function uploadImage(
  ctx: AppContext,
  party: ChatParty | null,
  id: string,
  file: { contentType: string; bytes: Buffer },
  at: Date,
): Promise<{ imageId: string }> {
  const p = requireParty(party);
  const db = ctx.database.db;
  const row = await visible(db, id, p, false);
  if (row.status === 'closed') throw new AppError('CONVERSATION_CLOSED');
  if (
    !(CHAT_IMAGE_TYPES as readonly string[]).includes(file.contentType) ||
    file.bytes.length === 0 ||
    file.bytes.length > CHAT_IMAGE_MAX_BYTES ||
    !looksLikeImage(file.bytes)
  ) {
    throw new AppError('CONVERSATION_IMAGE_INVALID');
  }
  const imageId = newId('cimg');
  await repo.insertImage(db, {
    id: imageId,
    conversationId: id,
    contentType: file.contentType,
    sizeBytes: file.bytes.length,
    bytes: file.bytes,
    createdAt: at,
  });
  return { imageId };
}

/** Magic bytes of JPEG, PNG, GIF and WebP: the declared type alone is the client's word. */
function looksLikeImage(b: Buffer): boolean {
  const hex = b.subarray(0, 12).toString('hex');
  return (
    hex.startsWith('ffd8ff') ||
    hex.startsWith('89504e47') ||
    hex.startsWith('47494638') ||
    (hex.startsWith('52494646') && b.subarray(8, 12).toString('ascii') === 'WEBP')
  );
}

export async function getImage(
  ctx: AppContext,
  imageId: string,
): Promise<{ contentType: string; bytes: Buffer }> {
  const image = await repo.findImage(ctx.database.db, imageId);
  if (!image) throw new AppError('CONVERSATION_IMAGE_NOT_FOUND');
  return { contentType: image.contentType, bytes: image.bytes };
}
