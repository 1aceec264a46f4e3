import { eq, or, type SQL, sql } from 'drizzle-orm';
import type { Actor, StaffActor } from '../../kernel/auth/actor.js';
import type { AppContext } from '../../kernel/context.js';
import { keyedHash } from '../../kernel/crypto.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import type { RoutingTarget } from './leads.advisors.js';
import { chatHub } from './leads.consultation.bus.js';
import type { TConversation } from './leads.consultation.contract.js';
import type { MessageSender, SystemMessageKind } from './leads.consultation.enums.js';
import { toConversation } from './leads.consultation.mappers.js';
import * as repo from './leads.consultation.repository.js';
import {
  type ConversationMessageRow,
  type ConversationRow,
  leadConversationTable,
} from './leads.consultation.schema.js';

// Live chat, the shared part: who a party is, what they may see, how a message is appended and announced.

export type ChatParty =
  | { readonly kind: 'buyer'; readonly buyerId: string; readonly phone: string }
  | { readonly kind: 'visitor'; readonly tokenHash: string }
  | { readonly kind: 'staff'; readonly actor: StaffActor };

export const DEFAULT_WAIT_SECONDS = 180;

export function visitorTokenHash(ctx: AppContext, token: string): string {
  return keyedHash(ctx.config, 'chat-visitor', token);
}

/** The party of a request: its signed-in actor, else the visitor token it carries; null when neither. */
export function partyOf(
  ctx: AppContext,
  actor: Actor | null,
  visitorToken: string | null | undefined,
): ChatParty | null {
  if (actor?.kind === 'buyer') return { kind: 'buyer', buyerId: actor.buyerId, phone: actor.phone };
  if (actor?.kind === 'staff') return { kind: 'staff', actor };
  if (visitorToken && visitorToken.length >= 20)
    return { kind: 'visitor', tokenHash: visitorTokenHash(ctx, visitorToken) };
  return null;
}

export function sideOf(party: ChatParty): 'buyer' | 'advisor' {
  return party.kind === 'staff' ? 'advisor' : 'buyer';
}

/** Without a session or a visitor token nobody's conversation is visible: the same 404 as someone else's. */
export function requireParty(party: ChatParty | null): ChatParty {
  if (!party) throw new AppError('CONVERSATION_NOT_FOUND');
  return party;
}

/**
 * Whether the party may see the conversation: its own buyer or visitor; platform staff with leads.manage;
 * dealer staff only for their dealer's vehicle or an advisor of their dealer.
 */
export function canSee(row: ConversationRow, party: ChatParty): boolean {
  switch (party.kind) {
    case 'buyer':
      return row.buyerId === party.buyerId;
    case 'visitor':
      return row.visitorTokenHash !== null && row.visitorTokenHash === party.tokenHash;
    case 'staff': {
      if (!party.actor.permissions.has('leads.manage')) return false;
      const dealerId = party.actor.dealerId;
      return !dealerId || row.dealerId === dealerId || row.advisorDealerId === dealerId;
    }
  }
}

export function dealerScope(actor: StaffActor): SQL {
  const c = leadConversationTable;
  return actor.dealerId
    ? (or(eq(c.dealerId, actor.dealerId), eq(c.advisorDealerId, actor.dealerId)) as SQL)
    : sql`true`;
}

export async function visible(
  db: DbHandle,
  id: string,
  party: ChatParty,
  lock: boolean,
): Promise<ConversationRow> {
  const row = lock ? await repo.lockConversation(db, id) : await repo.findConversation(db, id);
  if (!row || !canSee(row, party)) throw new AppError('CONVERSATION_NOT_FOUND');
  return row;
}

export function targetOf(row: ConversationRow): RoutingTarget {
  return { dealerId: row.dealerId, storeId: row.storeId, cityCode: row.cityCode, brandId: row.brandId };
}

export async function view(
  db: DbHandle,
  row: ConversationRow,
  reader: 'buyer' | 'advisor',
): Promise<TConversation> {
  const unread = (await repo.unreadOf(db, [row.id], reader)).get(row.id)?.count ?? 0;
  return toConversation(row, { unread, ...(await queueInfo(db, row)) });
}

export async function queueInfo(
  db: DbHandle,
  row: ConversationRow,
): Promise<{ queuePosition: number | null; estimatedWaitSeconds: number | null }> {
  if (row.status !== 'queued') return { queuePosition: null, estimatedWaitSeconds: null };
  const position = (await repo.queuedAhead(db, row)) + 1;
  const average = (await repo.recentAverageWaitSeconds(db)) ?? DEFAULT_WAIT_SECONDS;
  return { queuePosition: position, estimatedWaitSeconds: position * Math.max(30, average) };
}

export async function views(
  db: DbHandle,
  rows: ConversationRow[],
  reader: 'buyer' | 'advisor',
): Promise<TConversation[]> {
  const unread = await repo.unreadOf(
    db,
    rows.map((r) => r.id),
    reader,
  );
  const out: TConversation[] = [];
  for (const row of rows) {
    out.push(toConversation(row, { unread: unread.get(row.id)?.count ?? 0, ...(await queueInfo(db, row)) }));
  }
  return out;
}

interface NewMessage {
  readonly sender: MessageSender;
  readonly senderId?: string | null;
  readonly senderName?: string | null;
  readonly text?: string | null;
  readonly imageId?: string | null;
  readonly systemKind?: SystemMessageKind | null;
  readonly systemParams?: Record<string, string | number> | null;
  readonly clientMessageId?: string | null;
}

/** Appends a message to a conversation locked by the caller (next seq). */
export async function append(
  tx: DbHandle,
  row: ConversationRow,
  m: NewMessage,
  at: Date,
): Promise<ConversationMessageRow> {
  const [bumped] = await tx
    .update(leadConversationTable)
    .set({ lastSeq: sql`${leadConversationTable.lastSeq} + 1`, lastMessageAt: at, updatedAt: at })
    .where(eq(leadConversationTable.id, row.id))
    .returning({ lastSeq: leadConversationTable.lastSeq });
  if (!bumped) throw new AppError('CONVERSATION_NOT_FOUND');
  return repo.insertMessage(tx, {
    id: newId('cmsg'),
    conversationId: row.id,
    seq: bumped.lastSeq,
    sender: m.sender,
    senderId: m.senderId ?? null,
    senderName: m.senderName ?? null,
    text: m.text ?? null,
    imageId: m.imageId ?? null,
    systemKind: m.systemKind ?? null,
    systemParams: m.systemParams ?? null,
    clientMessageId: m.clientMessageId ?? null,
    createdAt: at,
  });
}

/** After a commit: push the conversation's new messages to the sockets of every process. */
export async function announce(ctx: AppContext, conversationId: string): Promise<void> {
  const row = await repo.findConversation(ctx.database.db, conversationId);
  if (row) await chatHub(ctx).changed(conversationId, row.lastSeq);
}
