import type { TConversation, TConversationMessage } from './leads.consultation.contract.js';
import type { ConversationMessageRow, ConversationRow } from './leads.consultation.schema.js';

export function toMessage(row: ConversationMessageRow): TConversationMessage {
  return {
    id: row.id,
    conversationId: row.conversationId,
    seq: row.seq,
    sender: row.sender,
    senderName: row.senderName,
    text: row.text,
    imageId: row.imageId,
    systemKind: row.systemKind,
    systemParams: row.systemParams,
    clientMessageId: row.clientMessageId,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toConversation(
  row: ConversationRow,
  extra: { unread: number; queuePosition: number | null; estimatedWaitSeconds: number | null },
): TConversation {
  return {
    id: row.id,
    status: row.status,
    buyerId: row.buyerId,
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    listingId: row.listingId,
    seriesId: row.seriesId,
    trimId: row.trimId,
    brandId: row.brandId,
    dealerId: row.dealerId,
    storeId: row.storeId,
    cityCode: row.cityCode,
    vehicleTitle: row.vehicleTitle,
    source: row.source,
    advisorAccountId: row.advisorAccountId,
    advisorName: row.advisorName,
    lastSeq: row.lastSeq,
    buyerReadSeq: row.buyerReadSeq,
    advisorReadSeq: row.advisorReadSeq,
    ...extra,
    openedAt: row.openedAt.toISOString(),
    queuedAt: row.queuedAt?.toISOString() ?? null,
    assignedAt: row.assignedAt?.toISOString() ?? null,
    firstAdvisorReplyAt: row.firstAdvisorReplyAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    lastMessageAt: row.lastMessageAt.toISOString(),
  };
}
