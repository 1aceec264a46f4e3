import type { TDelivery } from '../hooks/fulfilment.js';

// The delivery's route drawn on a plain SVG (no map tiles: they are not reachable here): the store, the
// destination, the planned line between them and the positions the carrier reported, projected
// equirectangularly onto a box around both ends with a margin.

interface Point {
  latitude: number;
  longitude: number;
}

const W = 480;
const H = 300;
const PAD = 36;

export function RouteMap({
  delivery,
  labels,
}: {
  delivery: Pick<TDelivery, 'origin' | 'destination' | 'tracking'>;
  labels: { origin: string; destination: string };
}) {
  const pts: Point[] = [delivery.origin, delivery.destination, ...delivery.tracking];
  const lats = pts.map((p) => p.latitude);
  const lngs = pts.map((p) => p.longitude);
  // At least half a degree each way, so a same-city delivery is not a single dot.
  const minLat = Math.min(...lats) - 0.5;
  const maxLat = Math.max(...lats) + 0.5;
  const minLng = Math.min(...lngs) - 0.5;
  const maxLng = Math.max(...lngs) + 0.5;
  const sx = (W - 2 * PAD) / (maxLng - minLng);
  const sy = (H - 2 * PAD) / (maxLat - minLat);
  const s = Math.min(sx, sy);
  const x = (p: Point) => PAD + (p.longitude - minLng) * s + (W - 2 * PAD - (maxLng - minLng) * s) / 2;
  const y = (p: Point) => H - PAD - (p.latitude - minLat) * s - (H - 2 * PAD - (maxLat - minLat) * s) / 2;
  const path = [delivery.origin, ...delivery.tracking]
    .map((p) => `${x(p).toFixed(1)},${y(p).toFixed(1)}`)
    .join(' ');
  const last = delivery.tracking.at(-1);
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      style={{ maxWidth: W, background: '#f5f8fc', borderRadius: 8 }}
      role="img"
      aria-label={`${labels.origin} → ${labels.destination}`}
      data-testid="delivery-map"
    >
      <line
        x1={x(delivery.origin)}
        y1={y(delivery.origin)}
        x2={x(delivery.destination)}
        y2={y(delivery.destination)}
        stroke="#bfc8d6"
        strokeDasharray="6 5"
        strokeWidth={2}
      />
      {delivery.tracking.length > 0 ? (
        <polyline points={path} fill="none" stroke="#1677ff" strokeWidth={3} strokeLinejoin="round" />
      ) : null}
      {delivery.tracking.map((p) => (
        <circle
          key={`${p.kind}-${p.occurredAt}`}
          cx={x(p)}
          cy={y(p)}
          r={4}
          fill="#1677ff"
          data-testid="delivery-map-point"
        />
      ))}
      <circle cx={x(delivery.origin)} cy={y(delivery.origin)} r={7} fill="#52c41a" />
      <text x={x(delivery.origin) + 10} y={y(delivery.origin) - 8} fontSize={13} fill="#333">
        {labels.origin}
      </text>
      <circle cx={x(delivery.destination)} cy={y(delivery.destination)} r={7} fill="#fa541c" />
      <text x={x(delivery.destination) + 10} y={y(delivery.destination) + 18} fontSize={13} fill="#333">
        {labels.destination}
      </text>
      {last ? <circle cx={x(last)} cy={y(last)} r={9} fill="none" stroke="#1677ff" strokeWidth={2} /> : null}
    </svg>
  );
}
