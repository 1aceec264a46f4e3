// Brand logos for the brand wall: a monogram drawn from the brand's name alone, the same for the same name
// on every visit and every machine (a hash picks the colour), nothing fetched.

const HAN = /\p{Script=Han}/u;

/** FNV-1a over the UTF-16 code units: small, fast, stable across browsers. */
export function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export interface Monogram {
  /** One Chinese character, or up to two Latin letters (three for short acronyms such as BYD). */
  readonly text: string;
  /** Background colour (HSL) and the text colour that reads on it. */
  readonly background: string;
  readonly foreground: string;
}

/** The monogram of a brand name: 比亚迪 -> 比, "Li Auto" -> LA, BMW -> BMW, Tesla -> T. */
export function monogramFor(name: string): Monogram {
  const trimmed = name.trim();
  let text: string;
  const first = [...trimmed][0] ?? '?';
  if (HAN.test(first)) text = first;
  else {
    const words = trimmed.split(/[\s\-_·.]+/).filter(Boolean);
    if (words.length > 1)
      text = words
        .slice(0, 2)
        .map((w) => [...w][0] ?? '')
        .join('');
    else if (/^[A-Z0-9]{2,3}$/.test(trimmed)) text = trimmed;
    else text = first;
    text = text.toUpperCase();
  }
  const h = hashName(trimmed);
  const hue = h % 360;
  const saturation = 45 + ((h >>> 9) % 25);
  const lightness = 32 + ((h >>> 17) % 14);
  return {
    text,
    background: `hsl(${hue} ${saturation}% ${lightness}%)`,
    foreground: '#ffffff',
  };
}

/** The monogram as an inline SVG badge (decorative: the brand's name is written next to it). */
export function BrandMonogram({ name, size = 44 }: { name: string; size?: number }) {
  const m = monogramFor(name);
  const fontSize = m.text.length >= 3 ? size * 0.3 : m.text.length === 2 ? size * 0.38 : size * 0.46;
  return (
    <svg
      width={size}
      height={size}
      viewBox={`0 0 ${size} ${size}`}
      aria-hidden="true"
      focusable="false"
      data-testid="brand-monogram"
      data-text={m.text}
      data-colour={m.background}
    >
      <circle cx={size / 2} cy={size / 2} r={size / 2} fill={m.background} />
      <text
        x="50%"
        y="50%"
        dominantBaseline="central"
        textAnchor="middle"
        fill={m.foreground}
        fontSize={fontSize}
        fontWeight={700}
        fontFamily="system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', sans-serif"
      >
        {m.text}
      </text>
    </svg>
  );
}
