import type { Silhouette } from './present.js';
import { silhouetteOf } from './present.js';

// Inline car drawings by body type, for cards without a photo: an SUV never looks like a sedan.

/** Side views (facing right) in a 320x160 box; ground at y=132. */
const BODY: Record<Silhouette, string> = {
  sedan: 'M14 124 L26 104 L84 96 L124 66 L206 64 L250 94 L298 102 L306 124 Z',
  hatchback: 'M18 124 L24 98 L70 88 L112 58 L208 56 L250 92 L296 102 L302 124 Z',
  suv: 'M14 126 L18 84 L64 76 L102 40 L228 38 L266 80 L300 90 L308 126 Z',
  mpv: 'M14 126 L16 62 L54 34 L244 32 L282 76 L304 88 L310 126 Z',
  pickup: 'M12 126 L14 88 L138 86 L150 44 L228 42 L254 84 L302 90 L310 126 Z',
  sports: 'M16 122 L30 104 L100 96 L150 70 L214 68 L268 98 L304 106 L310 122 Z',
  wagon: 'M14 124 L20 94 L80 86 L120 56 L250 54 L274 88 L300 98 L308 124 Z',
};
const GLASS: Record<Silhouette, string> = {
  sedan: 'M96 96 L128 72 L204 70 L238 94 Z',
  hatchback: 'M82 88 L116 64 L204 62 L240 90 Z',
  suv: 'M76 76 L108 46 L224 44 L256 78 Z',
  mpv: 'M60 62 L74 42 L238 40 L270 74 Z',
  pickup: 'M158 84 L160 50 L224 48 L246 84 Z',
  sports: 'M112 96 L154 76 L210 74 L254 98 Z',
  wagon: 'M92 86 L124 62 L246 60 L266 86 Z',
};
const WHEELS: Record<Silhouette, [number, number]> = {
  sedan: [76, 250],
  hatchback: [74, 248],
  suv: [72, 252],
  mpv: [70, 256],
  pickup: [68, 258],
  sports: [78, 250],
  wagon: [74, 254],
};

/** A grey drawing of a car of this body type, labelled for screen readers. */
export function CarArt({ bodyType, label }: { bodyType: string; label: string }) {
  const shape = silhouetteOf(bodyType);
  const [w1, w2] = WHEELS[shape];
  return (
    <svg
      viewBox="0 0 320 160"
      role="img"
      aria-label={label}
      data-testid="car-art"
      data-shape={shape}
      style={{ width: '100%', aspectRatio: '16 / 10', display: 'block', background: '#f5f5f5' }}
    >
      <line x1="0" y1="132" x2="320" y2="132" stroke="#e0e0e0" strokeWidth="2" />
      <path d={BODY[shape]} fill="#bfbfbf" />
      <path d={GLASS[shape]} fill="#f0f5ff" opacity="0.9" />
      {[w1, w2].map((x) => (
        <g key={x}>
          <circle cx={x} cy={124} r={17} fill="#434343" />
          <circle cx={x} cy={124} r={7} fill="#d9d9d9" />
        </g>
      ))}
    </svg>
  );
}
