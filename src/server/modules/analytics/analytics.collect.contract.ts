import { z } from 'zod';
import { TRACKED_EVENT_NAMES } from './analytics.enums.js';

// The tracking payload the web client sends to POST /api/v1/analytics/collect (browser-safe: zod and enums only).

/** Most events one batch may carry (the client flushes at 20). */
export const COLLECT_MAX_EVENTS = 50;

/** Client-made pseudonymous ids (uuid, ulid, nanoid): letters, digits, '-' and '_'. */
const ZClientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a client id: 8-64 letters, digits, - or _');
/** Catalog and dealer ids in the event's dimensions. */
const ZDimId = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/);

/** A small detail of an action; strings are short, nothing nested. */
export const ZTrackedPropValue = z.union([z.string().max(100), z.number().finite(), z.boolean(), z.null()]);

export const ZTrackedEvent = z.object({
  /** Made by the client once per event: a retried batch is stored once. */
  id: ZClientId,
  name: z.enum(TRACKED_EVENT_NAMES),
  occurredAt: z.iso.datetime({ offset: true }),
  path: z.string().max(300).startsWith('/').optional(),
  props: z
    .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/), ZTrackedPropValue)
    .refine((p) => Object.keys(p).length <= 10, 'at most 10 props')
    .optional(),
  listingId: ZDimId.optional(),
  trimId: ZDimId.optional(),
  seriesId: ZDimId.optional(),
  brandId: ZDimId.optional(),
  dealerId: ZDimId.optional(),
  cityCode: z
    .string()
    .regex(/^[0-9A-Za-z]{2,12}$/)
    .optional(),
});
export type TTrackedEvent = z.infer<typeof ZTrackedEvent>;

/** UTM parameters and referrer read at landing (the first page of the session); the server classifies them. */
export const ZCollectSource = z.object({
  utmSource: z.string().max(100).nullish(),
  utmMedium: z.string().max(100).nullish(),
  utmCampaign: z.string().max(100).nullish(),
  referrer: z.string().max(500).nullish(),
});
export type TCollectSource = z.infer<typeof ZCollectSource>;

export const ZCollectRequest = z.object({
  visitorId: ZClientId,
  sessionId: ZClientId,
  /** The visitor accepted the tracking notice; the client sends nothing otherwise. */
  consent: z.literal(true),
  source: ZCollectSource.optional(),
  events: z.array(ZTrackedEvent).min(1).max(COLLECT_MAX_EVENTS),
});
export type TCollectRequest = z.infer<typeof ZCollectRequest>;

export const ZCollectResponse = z.object({
  /** Events stored (or already stored by an earlier try of the same batch). */
  accepted: z.number().int(),
  /** Events left out: too old, or the whole batch from a bot. */
  dropped: z.number().int(),
});
export type TCollectResponse = z.infer<typeof ZCollectResponse>;
