import type { BODY_TYPES } from './catalog.schema.js';

// Deterministic SVG drawings of a car for demo data: a silhouette by body type in the brand's colours,
// per angle, plus 12 frames of a 360° turntable and an animated "walkaround". Nothing is fetched.

type Body = (typeof BODY_TYPES)[number];

export interface ArtSubject {
  bodyType: Body;
  /** [primary, secondary] hex colours of the brand. */
  colours: string[];
  brandName: string;
  seriesName: string;
  caption: string;
}

const W = 800;
const H = 500;

/** Side silhouettes (car facing right), in a 600x220 box whose bottom is the ground line. */
const SIDE: Record<Body, string> = {
  sedan: 'M20 170 L40 130 L150 118 L230 70 L400 66 L480 112 L570 126 L585 170 Z',
  hatchback: 'M30 170 L40 120 L120 104 L200 62 L380 60 L470 112 L560 128 L570 170 Z',
  suv: 'M20 172 L28 104 L110 92 L180 40 L420 38 L490 96 L570 112 L582 172 Z',
  mpv: 'M20 172 L24 70 L90 36 L450 34 L520 92 L575 110 L584 172 Z',
  coupe: 'M25 168 L45 132 L170 118 L270 76 L390 74 L500 116 L575 130 L585 168 Z',
  wagon: 'M20 170 L30 118 L140 108 L220 66 L450 64 L500 110 L572 124 L584 170 Z',
  pickup: 'M20 172 L24 110 L250 108 L270 52 L420 50 L470 104 L572 112 L584 172 Z',
  convertible: 'M25 168 L40 128 L200 118 L250 100 L290 118 L480 116 L572 128 L584 168 Z',
};
/** Window shapes matching each silhouette. */
const WINDOWS: Record<Body, string> = {
  sedan: 'M170 118 L238 80 L390 77 L455 114 Z',
  hatchback: 'M140 104 L208 72 L372 70 L445 112 Z',
  suv: 'M130 92 L190 52 L412 50 L470 96 Z',
  mpv: 'M100 74 L130 48 L440 46 L500 92 Z',
  coupe: 'M195 118 L275 86 L385 84 L470 116 Z',
  wagon: 'M160 108 L228 76 L440 74 L480 110 Z',
  pickup: 'M285 104 L290 62 L410 60 L455 104 Z',
  convertible: 'M255 116 L270 106 L300 116 Z',
};

function esc(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function frame(subject: ArtSubject, body: string, background = '#eef1f5'): string {
  const [primary = '#333333', secondary = '#999999'] = subject.colours;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(
    `${subject.brandName} ${subject.seriesName} ${subject.caption}`,
  )}">
<defs><linearGradient id="paint" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${primary}"/><stop offset="1" stop-color="${secondary}"/></linearGradient>
<linearGradient id="floor" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${background}"/><stop offset="1" stop-color="#d5dae1"/></linearGradient></defs>
<rect width="${W}" height="${H}" fill="url(#floor)"/>
${body}
<text x="24" y="40" font-family="sans-serif" font-size="24" font-weight="700" fill="${primary}">${esc(subject.brandName)} ${esc(subject.seriesName)}</text>
<text x="24" y="${H - 20}" font-family="sans-serif" font-size="16" fill="#5b6470">${esc(subject.caption)}</text>
</svg>`;
}

function wheel(cx: number, cy: number, r: number): string {
  return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="#1f2226"/><circle cx="${cx}" cy="${cy}" r="${r * 0.55}" fill="#b9c0c8"/><circle cx="${cx}" cy="${cy}" r="${r * 0.15}" fill="#6b737c"/>`;
}

/** The side view, drawn in the 600x220 box; `sx` squeezes it horizontally (turntable frames). */
function sideCar(subject: ArtSubject, transform: string): string {
  const b = subject.bodyType;
  const r = b === 'suv' || b === 'mpv' || b === 'pickup' ? 38 : 34;
  return `<g transform="${transform}">
<ellipse cx="302" cy="178" rx="290" ry="14" fill="#000" opacity="0.15"/>
<path d="${SIDE[b]}" fill="url(#paint)" stroke="#1b1d20" stroke-width="3" stroke-linejoin="round"/>
<path d="${WINDOWS[b]}" fill="#26313d" opacity="0.85"/>
<rect x="548" y="130" width="28" height="10" rx="4" fill="#fff7d6"/>
<rect x="26" y="128" width="18" height="10" rx="3" fill="#d7263d"/>
${wheel(140, 170, r)}${wheel(465, 170, r)}
</g>`;
}

function view(subject: ArtSubject, angle: string): string {
  const [primary = '#333', secondary = '#999'] = subject.colours;
  switch (angle) {
    case 'side':
      return sideCar(subject, 'translate(100 170)');
    case 'front_45':
      return `${sideCar(subject, 'translate(150 150) skewY(-6) scale(0.85 1)')}
<g transform="translate(600 250)"><rect x="-10" y="0" width="90" height="60" rx="14" fill="url(#paint)" stroke="#1b1d20" stroke-width="3"/>
<rect x="0" y="10" width="70" height="14" rx="4" fill="#1f2226"/><rect x="-4" y="30" width="24" height="10" rx="4" fill="#fff7d6"/><rect x="52" y="30" width="24" height="10" rx="4" fill="#fff7d6"/></g>`;
    case 'rear_45':
      return `${sideCar(subject, 'translate(650 150) scale(-0.85 1) skewY(-6)')}
<g transform="translate(110 250)"><rect x="0" y="0" width="90" height="60" rx="14" fill="url(#paint)" stroke="#1b1d20" stroke-width="3"/>
<rect x="6" y="28" width="78" height="8" rx="3" fill="#d7263d"/></g>`;
    case 'dashboard':
      return `<rect x="60" y="230" width="680" height="180" rx="40" fill="#2a2e33"/>
<rect x="300" y="150" width="260" height="150" rx="14" fill="#0f1a26" stroke="${primary}" stroke-width="4"/>
<rect x="318" y="168" width="224" height="60" rx="6" fill="${secondary}" opacity="0.5"/>
<rect x="318" y="240" width="100" height="44" rx="6" fill="#31475e"/><rect x="430" y="240" width="112" height="44" rx="6" fill="#31475e"/>
<circle cx="190" cy="330" r="95" fill="none" stroke="#111" stroke-width="24"/><circle cx="190" cy="330" r="26" fill="${primary}"/>
<rect x="100" y="190" width="170" height="60" rx="10" fill="#0f1a26"/><text x="120" y="230" font-family="sans-serif" font-size="28" fill="#7fd4ff">0 km/h</text>`;
    case 'seats':
      return [130, 430]
        .map(
          (
            x,
          ) => `<g transform="translate(${x} 120)"><rect x="40" y="0" width="160" height="180" rx="40" fill="${primary}" opacity="0.9"/>
<rect x="20" y="170" width="200" height="120" rx="30" fill="${secondary}"/><rect x="90" y="-40" width="60" height="50" rx="18" fill="${primary}"/>
<line x1="120" y1="20" x2="120" y2="170" stroke="#000" stroke-opacity="0.2" stroke-width="6"/></g>`,
        )
        .join('\n');
    default: {
      const m = /^spin-(\d{2})$/.exec(angle);
      const i = m ? Number(m[1]) : 0;
      const theta = (i / 12) * Math.PI * 2;
      // A turntable: the side silhouette narrows towards the front/rear views and flips when it turns away.
      const sx = Math.max(0.22, Math.abs(Math.cos(theta)));
      const flip = Math.cos(theta) < 0 ? -1 : 1;
      return `${sideCar(subject, `translate(400 170) scale(${(flip * sx).toFixed(3)} 1) translate(-302 0)`)}
<text x="${W - 90}" y="40" font-family="sans-serif" font-size="20" fill="#5b6470">${i * 30}°</text>`;
    }
  }
}

const CAPTIONS: Record<string, string> = {
  front_45: '前45°',
  side: '正侧',
  rear_45: '后45°',
  dashboard: '中控',
  seats: '座椅',
  video: '环绕展示',
};

/** An SVG picture of the subject from an angle (front_45, side, rear_45, dashboard, seats, spin-NN, video). */
export function renderArtwork(subject: ArtSubject, angle: string): string {
  const caption = `${subject.caption} · ${CAPTIONS[angle] ?? `360° ${angle.slice(5)}`}`;
  const s = { ...subject, caption };
  if (angle === 'video') {
    // SMIL animation: the car drives across, then the view turns; plays in any <img>.
    return frame(
      s,
      `<g>${sideCar(s, 'translate(100 170)')}<animateTransform attributeName="transform" type="translate" values="-700 0;0 0;0 0;700 0" keyTimes="0;0.4;0.7;1" dur="6s" repeatCount="indefinite"/></g>`,
    );
  }
  return frame(s, view(s, angle));
}
