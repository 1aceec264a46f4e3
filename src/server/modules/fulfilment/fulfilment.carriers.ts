import { createHmac } from 'node:crypto';
import type { Config } from '../../config.js';
import { keyedHash, safeEqual } from '../../kernel/crypto.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { enqueueJob } from '../../kernel/jobs/index.js';
import type { TCarrierEvent } from './fulfilment.contract.js';
import { type Carrier, TRACKING_KINDS, type TrackingKind } from './fulfilment.enums.js';
import type { DeliveryRow } from './fulfilment.schema.js';

// Carriers behind one adapter: booking a transport returns a tracking number, and the carrier's events come
// back signed (webhook) or through ingestCarrierEvent. Only the sandbox carrier exists here; real carriers
// (安吉物流, 长久物流) get an adapter each when their contracts and keys exist.

/** Runs one sandbox carrier event when it is due (the jobs table keeps the timing across restarts). */
export const SANDBOX_CARRIER_EVENT_JOB = 'fulfilment.sandbox_carrier_event';

export interface CarrierAdapter {
  readonly code: Carrier;
  /** Books the transport of a dispatched delivery, in the caller's transaction; returns the tracking number. */
  dispatch(tx: DbHandle, delivery: DeliveryRow, at: Date): Promise<{ trackingNumber: string }>;
}

type SecretConfig = Pick<Config, 'sessionSecret'>;

/** The shared secret a carrier signs its events with (per carrier, derived from the app's secret). */
export function carrierSecret(config: SecretConfig, carrier: Carrier): string {
  return keyedHash(config, 'fulfilment.carrier_webhook', carrier);
}

/** What is signed: the event's fields in a fixed order, so re-serialised JSON signs the same. */
function signedText(e: TCarrierEvent): string {
  return [e.eventId, e.trackingNumber, e.kind, e.occurredAt, e.latitude, e.longitude].join('|');
}

export function signCarrierEvent(config: SecretConfig, carrier: Carrier, e: TCarrierEvent): string {
  return createHmac('sha256', carrierSecret(config, carrier)).update(signedText(e)).digest('hex');
}

export function verifyCarrierEvent(
  config: SecretConfig,
  carrier: Carrier,
  e: TCarrierEvent,
  signature: string | undefined,
): boolean {
  return typeof signature === 'string' && safeEqual(signature, signCarrierEvent(config, carrier, e));
}

export function stageRank(kind: TrackingKind | null): number {
  return kind === null ? -1 : TRACKING_KINDS.indexOf(kind);
}

type Point = { latitude: number; longitude: number };

/**
 * A point a share `f` of the way along a plausible road: the straight line bowed sideways (roads are never
 * straight), by up to 6% of the distance at the middle, zero at both ends.
 */
export function routePoint(from: Point, to: Point, f: number): Point {
  const dLat = to.latitude - from.latitude;
  const dLng = to.longitude - from.longitude;
  const bow = 0.06 * Math.sin(Math.PI * f);
  const round = (x: number) => Math.round(x * 1e5) / 1e5;
  return {
    latitude: round(from.latitude + dLat * f - dLng * bow),
    longitude: round(from.longitude + dLng * f + dLat * bow),
  };
}

/** The sandbox's timed events: when (minutes after dispatch) and how far along the route each happens. */
export function sandboxPlan(
  distanceKm: number,
): { kind: TrackingKind; minutes: number; share: number; place: string }[] {
  // A car carrier averages about 50 km/h door to door; a delivery in the same city takes about two hours.
  const drive = Math.max(120, Math.round((distanceKm / 50) * 60));
  return [
    { kind: 'picked_up', minutes: 30, share: 0, place: '门店装车' },
    { kind: 'hub', minutes: 30 + Math.round(drive * 0.5), share: 0.5, place: '中转站' },
    { kind: 'out_for_delivery', minutes: 30 + Math.round(drive * 0.9), share: 0.95, place: '派送中' },
    { kind: 'delivered', minutes: 30 + drive, share: 1, place: '已送达' },
  ];
}

export const sandboxCarrier: CarrierAdapter = {
  code: 'sandbox',
  async dispatch(tx, d, at) {
    const trackingNumber = `SBX${d.id
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(-16)
      .toUpperCase()}`;
    const from = { latitude: d.originLat, longitude: d.originLng };
    const to = { latitude: d.destLat, longitude: d.destLng };
    for (const step of sandboxPlan(d.distanceKm)) {
      const occurredAt = new Date(at.getTime() + step.minutes * 60_000);
      const point = routePoint(from, to, step.share);
      const event: TCarrierEvent = {
        eventId: `${trackingNumber}-${step.kind}`,
        trackingNumber,
        kind: step.kind,
        occurredAt: occurredAt.toISOString(),
        latitude: point.latitude,
        longitude: point.longitude,
        place: step.place,
      };
      await enqueueJob(
        tx,
        {
          name: SANDBOX_CARRIER_EVENT_JOB,
          payload: event,
          runAt: occurredAt,
          uniqueKey: `sbx:${event.eventId}`,
        },
        at,
      );
    }
    return { trackingNumber };
  },
};

/** The adapters this process may use: none in production unless CARRIER_SANDBOX says so. */
export function carrierAdapter(
  config: Pick<Config, 'carrierSandbox'>,
  carrier: Carrier,
): CarrierAdapter | null {
  if (carrier === 'sandbox' && config.carrierSandbox) return sandboxCarrier;
  return null;
}
