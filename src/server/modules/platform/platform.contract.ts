import { z } from 'zod';

// Shared with the web app: zod only, no server code.

const ZLimit = z.coerce.number().int().min(1).max(100).default(20);
const ZCursor = z.string().max(500).optional();
const ZIsoDateTime = z.iso.datetime({ offset: true });
const ZFilterText = z.string().trim().min(1).max(200);

export const ZIdParams = z.object({ id: z.string().min(1).max(64) });
export type TIdParams = z.infer<typeof ZIdParams>;

// ---- audit log

export const ZAuditQuery = z
  .object({
    actorId: ZFilterText.optional(),
    actor: ZFilterText.optional(),
    action: ZFilterText.optional(),
    entityType: ZFilterText.optional(),
    entityId: ZFilterText.optional(),
    from: ZIsoDateTime.optional(),
    to: ZIsoDateTime.optional(),
    limit: ZLimit,
    cursor: ZCursor,
  })
  .refine((q) => !q.from || !q.to || new Date(q.from) <= new Date(q.to), {
    message: 'from must not be after to',
    path: ['from'],
  });
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export const ZAuditEntry = z.object({
  id: z.string(),
  occurredAt: z.string(),
  actorKind: z.enum(['staff', 'buyer', 'system']),
  actorId: z.string().nullable(),
  actorLabel: z.string().nullable(),
  dealerId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;
export const ZAuditPage = z.object({ items: z.array(ZAuditEntry), nextCursor: z.string().nullable() });
export type TAuditPage = z.infer<typeof ZAuditPage>;

// ---- jobs console

export const JOB_STATUS_VALUES = ['queued', 'running', 'succeeded', 'failed', 'dead', 'discarded'] as const;
export const ZJobStatus = z.enum(JOB_STATUS_VALUES);
export type TJobStatus = z.infer<typeof ZJobStatus>;

export const ZJobsQuery = z.object({
  status: ZJobStatus.optional(),
  name: ZFilterText.optional(),
  limit: ZLimit,
  cursor: ZCursor,
});
export type TJobsQuery = z.infer<typeof ZJobsQuery>;

export const ZJob = z.object({
  id: z.string(),
  name: z.string(),
  status: ZJobStatus,
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAt: z.string(),
  lastError: z.string().nullable(),
  uniqueKey: z.string().nullable(),
  /** Phone numbers and email addresses in payloads are masked. */
  payload: z.unknown(),
  lockedBy: z.string().nullable(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type TJob = z.infer<typeof ZJob>;
export const ZJobsPage = z.object({ items: z.array(ZJob), nextCursor: z.string().nullable() });
export type TJobsPage = z.infer<typeof ZJobsPage>;

export const ZJobStats = z.object({
  totals: z.record(ZJobStatus, z.number().int()),
  byName: z.array(z.object({ name: z.string(), counts: z.record(ZJobStatus, z.number().int()) })),
});
export type TJobStats = z.infer<typeof ZJobStats>;

// ---- notification centre

export const ZNotificationsQuery = z.object({
  unreadOnly: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
  limit: ZLimit,
  cursor: ZCursor,
});
export type TNotificationsQuery = z.infer<typeof ZNotificationsQuery>;

export const ZNotification = z.object({
  id: z.string(),
  category: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TNotification = z.infer<typeof ZNotification>;
export const ZNotificationsPage = z.object({
  items: z.array(ZNotification),
  nextCursor: z.string().nullable(),
});
export type TNotificationsPage = z.infer<typeof ZNotificationsPage>;
export const ZUnreadCount = z.object({ count: z.number().int() });
export type TUnreadCount = z.infer<typeof ZUnreadCount>;
export const ZReadAllResponse = z.object({ updated: z.number().int() });
export type TReadAllResponse = z.infer<typeof ZReadAllResponse>;

// ---- dev mailbox (not in production)

export const ZDevEmailsQuery = z.object({
  to: z.string().trim().min(3).max(254).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TDevEmailsQuery = z.infer<typeof ZDevEmailsQuery>;
export const ZDevEmail = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  templateKey: z.string().nullable(),
  sentAt: z.string(),
});
export type TDevEmail = z.infer<typeof ZDevEmail>;
export const ZDevEmailsResponse = z.object({ emails: z.array(ZDevEmail) });
export type TDevEmailsResponse = z.infer<typeof ZDevEmailsResponse>;

// ---- site information (public: the storefront footer, about, contact and privacy pages)

/** The operator of the site, from the SITE_* configuration; null items are not shown. */
export const ZSiteInfo = z.object({
  companyName: z.string().nullable(),
  companyNameEn: z.string().nullable(),
  /** ICP备案号, shown in the footer linking to https://beian.miit.gov.cn/. */
  icpFiling: z.string().nullable(),
  /** 公安备案号 (public-security filing), shown in the footer linking to https://beian.mps.gov.cn/. */
  psbFiling: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  address: z.string().nullable(),
});
export type TSiteInfo = z.infer<typeof ZSiteInfo>;
