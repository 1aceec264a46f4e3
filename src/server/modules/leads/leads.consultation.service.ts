import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { TTrafficSource } from '../../kernel/attribution.contract.js';
import type { Actor, StaffActor } from '../../kernel/auth/actor.js';
import type { AppContext } from '../../kernel/context.js';
import { randomToken } from '../../kernel/crypto.js';
import type { DbHandle, Tx } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation } from '../../kernel/mutation.js';
import { applyTransition } from '../../kernel/state-machine.js';
import { getTrimDetail } from '../catalog/index.js';
import { listingForVehiclePage } from '../listings/index.js';
import type { TAdvisor } from './leads.advisors.contract.js';
import { findAdvisor, pickAdvisor, type RoutingTarget } from './leads.advisors.js';
import type {
  TConversation,
  TConversationMessage,
  TOpenConversationRequest,
  TSendMessageRequest,
} from './leads.consultation.contract.js';
import type { MessageSender } from './leads.consultation.enums.js';
import { conversationMachine } from './leads.consultation.machine.js';
import { toMessage } from './leads.consultation.mappers.js';
import * as repo from './leads.consultation.repository.js';
import {
  type ConversationMessageRow,
  type ConversationRow,
  leadConversationTable,
} from './leads.consultation.schema.js';
import {
  announce,
  append,
  type ChatParty,
  DEFAULT_WAIT_SECONDS,
  dealerScope,
  partyOf,
  queueInfo,
  requireParty,
  sideOf,
  targetOf,
  view,
  views,
  visible,
} from './leads.consultation.shared.js';
import { LeadsEvents } from './leads.events.js';
import { askFaqBot, recordHandOff } from './leads.faq.bot.js';

// Who a party is and what they see: leads.consultation.shared.ts; contact, callbacks, read marks and images:
// leads.consultation.contact.ts.
export { type ChatParty, canSee, partyOf, sideOf, visitorTokenHash } from './leads.consultation.shared.js';

// Consultations: a buyer (signed in or an anonymous visitor) chats with the FAQ bot, then an advisor.

/** Who is at one end of a conversation. */

/** What a buyer types to ask for a person while the bot has the conversation. */
const HUMAN_REQUEST = /转人工|人工客服|真人|找顾问|人工|human|agent|advisor/i;

// ---------------------------------------------------------------------------------------------------------
// Opening and reading

/** Opens a conversation (or returns the buyer's open one about the same vehicle); the bot says hello. */
export async function openConversation(
  ctx: AppContext,
  actor: Actor | null,
  input: TOpenConversationRequest,
  mutation: Mutation,
): Promise<{ conversation: TConversation; visitorToken: string | null }> {
  if (actor?.kind === 'staff') throw new AppError('FORBIDDEN');
  const db = ctx.database.db;
  const visitorToken = actor ? null : (input.visitorToken ?? randomToken(24));
  const party = requireParty(partyOf(ctx, actor, visitorToken));
  const owner =
    party.kind === 'buyer'
      ? eq(leadConversationTable.buyerId, party.buyerId)
      : party.kind === 'visitor'
        ? eq(leadConversationTable.visitorTokenHash, party.tokenHash)
        : sql`false`;
  const [existing] = await repo.listConversations(
    db,
    and(
      owner,
      inArray(leadConversationTable.status, ['bot', 'queued', 'active']),
      input.listingId === null
        ? sql`${leadConversationTable.listingId} is null`
        : eq(leadConversationTable.listingId, input.listingId),
    ) as SQL,
    'recent',
    1,
  );
  if (existing) return { conversation: await view(db, existing, 'buyer'), visitorToken };

  const vehicle = await vehicleOf(db, input.listingId);
  const at = mutation.at;
  const row = await withTransaction(db, async (tx) => {
    const created = await repo.insertConversation(tx, {
      id: newId('cnv'),
      buyerId: party.kind === 'buyer' ? party.buyerId : null,
      visitorTokenHash: party.kind === 'visitor' ? party.tokenHash : null,
      contactPhone: party.kind === 'buyer' ? party.phone : null,
      ...vehicle,
      cityCode: vehicle.cityCode ?? input.cityCode,
      source: input.source as TTrafficSource,
      status: 'bot',
      openedAt: at,
      lastMessageAt: at,
      updatedAt: at,
    });
    await append(tx, created, { sender: 'bot', systemKind: 'greeting', systemParams: {} }, at);
    return (await repo.findConversation(tx, created.id)) ?? created;
  });
  return { conversation: await view(db, row, 'buyer'), visitorToken };
}

async function vehicleOf(db: DbHandle, listingId: string | null) {
  const none = {
    listingId: null,
    seriesId: null,
    trimId: null,
    brandId: null,
    dealerId: null,
    storeId: null,
    cityCode: null as string | null,
    vehicleTitle: null,
  };
  if (!listingId) return none;
  const found = await listingForVehiclePage(db, listingId);
  if (!found) return none;
  const l = found.listing;
  let seriesId: string | null = null;
  let brandId: string | null = null;
  try {
    const trim = await getTrimDetail(db, l.trimId);
    seriesId = trim.series.id;
    brandId = trim.brand.id;
  } catch {
    // A trim gone from the catalogue: route by dealer, store and city alone.
  }
  return {
    listingId: l.id,
    seriesId,
    trimId: l.trimId,
    brandId,
    dealerId: l.dealerId,
    storeId: l.storeId,
    cityCode: l.cityCode as string | null,
    vehicleTitle: l.title,
  };
}

export async function getConversation(
  ctx: AppContext,
  party: ChatParty | null,
  id: string,
): Promise<TConversation> {
  const p = requireParty(party);
  const db = ctx.database.db;
  return view(db, await visible(db, id, p, false), sideOf(p));
}

/** A buyer's or visitor's conversations, most recent first, with unread counts. */
export async function listMyConversations(
  ctx: AppContext,
  party: ChatParty | null,
): Promise<TConversation[]> {
  // Without a session or token there is nothing of theirs yet.
  if (!party) return [];
  const p = party;
  if (p.kind === 'staff') throw new AppError('FORBIDDEN');
  const c = leadConversationTable;
  const where = p.kind === 'buyer' ? eq(c.buyerId, p.buyerId) : eq(c.visitorTokenHash, p.tokenHash);
  const db = ctx.database.db;
  return views(db, await repo.listConversations(db, where, 'recent', 50), 'buyer');
}

/**
 * The advisor workspace: the queue (longest waiting first) and the advisor's own live conversations, the
 * ones waiting longest for an answer first; dealer staff see their dealer's only.
 */
export async function listWorkspace(
  ctx: AppContext,
  actor: StaffActor,
): Promise<{ queue: TConversation[]; mine: TConversation[] }> {
  const db = ctx.database.db;
  const c = leadConversationTable;
  const queueRows = await repo.listConversations(
    db,
    and(eq(c.status, 'queued'), dealerScope(actor)) as SQL,
    'queue',
  );
  const mineRows = await repo.listConversations(
    db,
    and(eq(c.status, 'active'), eq(c.advisorAccountId, actor.accountId)) as SQL,
    'recent',
  );
  const unread = await repo.unreadOf(
    db,
    mineRows.map((r) => r.id),
    'advisor',
  );
  const waitingSince = (r: ConversationRow) =>
    unread.get(r.id)?.oldest?.getTime() ?? Number.POSITIVE_INFINITY;
  mineRows.sort(
    (a, b) => waitingSince(a) - waitingSince(b) || b.lastMessageAt.getTime() - a.lastMessageAt.getTime(),
  );
  return { queue: await views(db, queueRows, 'advisor'), mine: await views(db, mineRows, 'advisor') };
}

export async function history(
  ctx: AppContext,
  party: ChatParty | null,
  id: string,
  q: { afterSeq?: number | undefined; beforeSeq?: number | undefined; limit: number },
): Promise<{ items: TConversationMessage[]; hasMore: boolean }> {
  const p = requireParty(party);
  const db = ctx.database.db;
  await visible(db, id, p, false);
  if (q.beforeSeq !== undefined) {
    const rows = await repo.messagesBefore(db, id, q.beforeSeq, q.limit + 1);
    const page = rows.slice(0, q.limit).reverse();
    return { items: page.map(toMessage), hasMore: rows.length > q.limit };
  }
  const rows = await repo.messagesAfter(db, id, q.afterSeq ?? 0, q.limit + 1);
  return { items: rows.slice(0, q.limit).map(toMessage), hasMore: rows.length > q.limit };
}

// ---------------------------------------------------------------------------------------------------------
// Sending

export interface SendResult {
  readonly message: TConversationMessage;
  /** The same clientMessageId was sent before: this is the stored message, nothing new was written. */
  readonly duplicate: boolean;
}

/** Sends a message as the party: the buyer (the bot answers while it has the conversation) or the advisor. */
export async function sendMessage(
  ctx: AppContext,
  party: ChatParty | null,
  id: string,
  input: TSendMessageRequest,
  mutation: Mutation,
): Promise<SendResult> {
  const p = requireParty(party);
  const result = await withTransaction(ctx.database.db, async (tx) => {
    const row = await visible(tx, id, p, true);
    const sender: MessageSender = p.kind === 'staff' ? 'advisor' : 'buyer';
    const dup = await repo.findMessageByClientId(tx, id, sender, input.clientMessageId);
    if (dup) return { message: toMessage(dup), duplicate: true };
    if (row.status === 'closed') throw new AppError('CONVERSATION_CLOSED');
    if (input.imageId) {
      const image = await repo.findImage(tx, input.imageId);
      if (!image || image.conversationId !== id) throw new AppError('CONVERSATION_IMAGE_NOT_FOUND');
    }
    const content = { text: input.text, imageId: input.imageId, clientMessageId: input.clientMessageId };
    if (p.kind === 'staff')
      return { message: toMessage(await advisorSays(tx, row, p.actor, content, mutation)), duplicate: false };
    const message = await append(
      tx,
      row,
      { sender: 'buyer', senderId: p.kind === 'buyer' ? p.buyerId : null, ...content },
      mutation.at,
    );
    await publishContactOnce(tx, row, mutation.at);
    if (row.status === 'bot' && input.text) {
      const fresh = (await repo.lockConversation(tx, id)) ?? row;
      if (HUMAN_REQUEST.test(input.text)) await handOffLocked(tx, fresh, mutation);
      else await botAnswers(tx, fresh, input.text, mutation);
    }
    return { message: toMessage(message), duplicate: false };
  });
  if (!result.duplicate) await announce(ctx, id);
  return result;
}

async function advisorSays(
  tx: Tx,
  row: ConversationRow,
  actor: StaffActor,
  content: { text: string | null; imageId: string | null; clientMessageId: string },
  mutation: Mutation,
): Promise<ConversationMessageRow> {
  if (row.status !== 'active' || row.advisorAccountId !== actor.accountId)
    throw new AppError('CONVERSATION_NOT_ASSIGNED_TO_YOU');
  const message = await append(
    tx,
    row,
    {
      sender: 'advisor',
      senderId: actor.accountId,
      senderName: row.advisorName ?? actor.displayName,
      ...content,
    },
    mutation.at,
  );
  await repo.updateConversation(tx, row.id, {
    advisorReadSeq: message.seq,
    ...(row.firstAdvisorReplyAt ? {} : { firstAdvisorReplyAt: mutation.at }),
  });
  if (!row.firstAdvisorReplyAt) {
    await publish(
      tx,
      LeadsEvents.consultationReplied,
      row.id,
      {
        conversationId: row.id,
        advisorAccountId: actor.accountId,
        buyerId: row.buyerId,
        phone: row.contactPhone,
      },
      mutation.at,
    );
  }
  return message;
}

async function botAnswers(tx: Tx, row: ConversationRow, text: string, mutation: Mutation): Promise<void> {
  const answer = await askFaqBot(
    tx,
    {
      text,
      lang: mutation.lang,
      conversationId: row.id,
      listingId: row.listingId,
      trimId: row.trimId,
      storeId: row.storeId,
      cityCode: row.cityCode,
    },
    mutation.at,
  );
  if (answer.answered && answer.answer) {
    await append(
      tx,
      row,
      {
        sender: 'bot',
        text: answer.answer,
        ...(answer.faqId ? { systemParams: { faqId: answer.faqId } } : {}),
      },
      mutation.at,
    );
  }
  if (!answer.answered || answer.offerHuman) {
    const suggestions = answer.suggestions
      .slice(0, 3)
      .map((s) => s.question)
      .join('\n');
    await append(
      tx,
      row,
      { sender: 'bot', systemKind: 'offer_human', systemParams: suggestions ? { suggestions } : {} },
      mutation.at,
    );
  }
}

/** The buyer's phone is known (signed in or left with consent): tell leads, once per conversation. */
export async function publishContactOnce(tx: Tx, row: ConversationRow, at: Date): Promise<void> {
  if (row.contactEventSent || !row.contactPhone) return;
  if (!row.buyerId && !row.consentToContact) return;
  await repo.updateConversation(tx, row.id, { contactEventSent: true });
  await publish(
    tx,
    LeadsEvents.consultationContactLeft,
    row.id,
    {
      conversationId: row.id,
      kind: 'consultation',
      buyerId: row.buyerId,
      name: row.contactName,
      phone: row.contactPhone,
      cityCode: row.cityCode,
      vehicle: vehicleOfRow(row),
      source: row.source,
      // A signed-in buyer who starts a consultation asked to be answered; a visitor ticks the box.
      consentToContact: row.buyerId ? true : row.consentToContact,
      note: null,
    },
    at,
  );
}

export function vehicleOfRow(row: ConversationRow) {
  return {
    listingId: row.listingId,
    seriesId: row.seriesId,
    trimId: row.trimId,
    brandId: row.brandId,
    dealerId: row.dealerId,
    storeId: row.storeId,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Routing

/** Advisors at their conversation limit (routing passes them by). */
async function fullAdvisors(tx: DbHandle, except?: string): Promise<string[]> {
  const counts = await repo.activeCountsByAdvisor(tx);
  const full: string[] = [];
  for (const [accountId, n] of counts) {
    if (accountId === except) continue;
    const advisor = await findAdvisor(tx, accountId);
    if (advisor && n >= advisor.maxConversations) full.push(accountId);
  }
  return full;
}

const ROLLBACK = new Error('rollback');

/** Whether anyone who could take this target is online at all (busy ones included), without stamping them. */
async function anyoneOnline(tx: Tx, target: RoutingTarget, at: Date): Promise<boolean> {
  let found = false;
  try {
    await withTransaction(tx, async (sp) => {
      found = (await pickAdvisor(sp, target, { onlineOnly: true, at })) !== null;
      throw ROLLBACK;
    });
  } catch (err) {
    if (err !== ROLLBACK) throw err;
  }
  return found;
}

async function assignTo(tx: Tx, row: ConversationRow, advisor: TAdvisor, mutation: Mutation): Promise<void> {
  await applyTransition(tx, conversationMachine, row.id, 'assign', mutation);
  const updated = await repo.updateConversation(tx, row.id, {
    advisorAccountId: advisor.accountId,
    advisorName: advisor.displayName,
    advisorDealerId: advisor.dealerId,
  });
  await append(
    tx,
    updated ?? row,
    { sender: 'system', systemKind: 'assigned', systemParams: { advisorName: advisor.displayName } },
    mutation.at,
  );
}

/** Tries to route a conversation locked by the caller to a free advisor now. */
async function tryAssign(tx: Tx, row: ConversationRow, mutation: Mutation): Promise<TAdvisor | null> {
  const advisor = await pickAdvisor(tx, targetOf(row), {
    onlineOnly: true,
    exclude: await fullAdvisors(tx),
    at: mutation.at,
  });
  if (advisor) await assignTo(tx, row, advisor, mutation);
  return advisor;
}

export type HandOffOutcome = 'assigned' | 'queued' | 'callback';

async function handOffLocked(tx: Tx, row: ConversationRow, mutation: Mutation): Promise<HandOffOutcome> {
  if (row.status === 'closed') throw new AppError('CONVERSATION_CLOSED');
  if (row.status === 'active') return 'assigned';
  if (row.status === 'queued') return 'queued';
  await recordHandOff(tx, row.id, mutation.at);
  if (await tryAssign(tx, row, mutation)) return 'assigned';
  if (await anyoneOnline(tx, targetOf(row), mutation.at)) {
    await applyTransition(tx, conversationMachine, row.id, 'queue', mutation);
    const queued = (await repo.findConversation(tx, row.id)) ?? row;
    const info = await queueInfo(tx, queued);
    await append(
      tx,
      queued,
      {
        sender: 'system',
        systemKind: 'queued',
        systemParams: {
          position: info.queuePosition ?? 1,
          waitSeconds: info.estimatedWaitSeconds ?? DEFAULT_WAIT_SECONDS,
        },
      },
      mutation.at,
    );
    return 'queued';
  }
  await append(tx, row, { sender: 'bot', systemKind: 'callback_offered', systemParams: {} }, mutation.at);
  return 'callback';
}

/** The buyer asks for a person ("转人工"): an advisor now, the queue when all are busy, else a callback. */
export async function handOff(
  ctx: AppContext,
  party: ChatParty | null,
  id: string,
  mutation: Mutation,
): Promise<{ outcome: HandOffOutcome; conversation: TConversation }> {
  const p = requireParty(party);
  if (p.kind === 'staff') throw new AppError('FORBIDDEN');
  const db = ctx.database.db;
  const outcome = await withTransaction(db, async (tx) =>
    handOffLocked(tx, await visible(tx, id, p, true), mutation),
  );
  await announce(ctx, id);
  return { outcome, conversation: await getConversation(ctx, p, id) };
}

/**
 * Serves the queue, longest waiting first: each queued conversation goes to a free advisor of its tiers.
 * Run when an advisor closes one, by a schedule (advisors coming online), and on demand.
 */
export async function drainQueue(ctx: AppContext, mutation: Mutation): Promise<number> {
  const db = ctx.database.db;
  const c = leadConversationTable;
  const queued = await repo.listConversations(db, eq(c.status, 'queued'), 'queue', 100);
  let assigned = 0;
  for (const q of queued) {
    const ok = await withTransaction(db, async (tx) => {
      const row = await repo.lockConversation(tx, q.id);
      if (row?.status !== 'queued') return false;
      return (await tryAssign(tx, row, mutation)) !== null;
    });
    if (ok) {
      assigned++;
      await announce(ctx, q.id);
    }
  }
  return assigned;
}

/** An advisor takes a queued conversation from the workspace. */
export async function acceptConversation(
  ctx: AppContext,
  actor: StaffActor,
  id: string,
  mutation: Mutation,
): Promise<TConversation> {
  const party: ChatParty = { kind: 'staff', actor };
  await withTransaction(ctx.database.db, async (tx) => {
    const row = await visible(tx, id, party, true);
    if (row.status === 'closed') throw new AppError('CONVERSATION_CLOSED');
    if (row.status === 'active') throw new AppError('CONVERSATION_NOT_ASSIGNED_TO_YOU');
    const me = await findAdvisor(tx, actor.accountId);
    if (!me) throw new AppError('ADVISOR_NOT_FOUND');
    if (row.status === 'bot') await recordHandOff(tx, row.id, mutation.at);
    await assignTo(tx, row, me, mutation);
  });
  await announce(ctx, id);
  return getConversation(ctx, party, id);
}

/** Moves a live conversation to another online advisor with room (of the same dealer for dealer staff). */
export async function transferConversation(
  ctx: AppContext,
  actor: StaffActor,
  id: string,
  toAccountId: string,
  mutation: Mutation,
): Promise<TConversation> {
  const party: ChatParty = { kind: 'staff', actor };
  await withTransaction(ctx.database.db, async (tx) => {
    const row = await visible(tx, id, party, true);
    if (row.status === 'closed') throw new AppError('CONVERSATION_CLOSED');
    if (row.status !== 'active') throw new AppError('CONVERSATION_NOT_ASSIGNED_TO_YOU');
    const target = await findAdvisor(tx, toAccountId);
    const full = await fullAdvisors(tx);
    if (
      !target ||
      target.accountId === row.advisorAccountId ||
      target.availability !== 'online' ||
      full.includes(target.accountId) ||
      (actor.dealerId !== null && target.dealerId !== actor.dealerId)
    ) {
      throw new AppError('CONVERSATION_TRANSFER_TARGET_INVALID');
    }
    const updated = await repo.updateConversation(tx, id, {
      advisorAccountId: target.accountId,
      advisorName: target.displayName,
      advisorDealerId: target.dealerId,
      updatedAt: mutation.at,
    });
    await audit(tx, mutation, {
      action: 'lead_conversation.transfer',
      entityType: 'lead_conversation',
      entityId: id,
      before: { advisorAccountId: row.advisorAccountId },
      after: { advisorAccountId: target.accountId },
    });
    await append(
      tx,
      updated ?? row,
      { sender: 'system', systemKind: 'transferred', systemParams: { advisorName: target.displayName } },
      mutation.at,
    );
  });
  await announce(ctx, id);
  return getConversation(ctx, party, id);
}

/** Ends a conversation (the buyer, or staff who see it); a freed advisor takes the next in the queue. */
export async function closeConversation(
  ctx: AppContext,
  party: ChatParty | null,
  id: string,
  mutation: Mutation,
): Promise<TConversation> {
  const p = requireParty(party);
  await withTransaction(ctx.database.db, async (tx) => {
    const row = await visible(tx, id, p, true);
    if (
      p.kind === 'staff' &&
      row.status === 'active' &&
      row.advisorAccountId !== p.actor.accountId &&
      p.actor.dealerId
    )
      throw new AppError('CONVERSATION_NOT_ASSIGNED_TO_YOU');
    await applyTransition(tx, conversationMachine, id, 'close', mutation);
    await append(
      tx,
      row,
      { sender: 'system', systemKind: 'closed', systemParams: { by: sideOf(p) } },
      mutation.at,
    );
  });
  await announce(ctx, id);
  await drainQueue(ctx, mutation);
  return getConversation(ctx, p, id);
}
