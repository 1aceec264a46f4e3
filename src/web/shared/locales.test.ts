// @vitest-environment happy-dom
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { i18n } from './i18n.js';

/**
 * Every visible string exists in both languages. The `typeof zh` annotation on each `en` object catches
 * missing keys at compile time; this test also catches keys the code asks for that no locale has (which
 * i18next would show as the raw key) and Chinese left in the English texts.
 */

const WEB_ROOT = path.resolve('src/web');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      for (const [kk, vv] of flatten(v, prefix ? `${prefix}.${k}` : k)) out.set(kk, vv);
    }
  } else if (typeof value === 'string') {
    out.set(prefix, value);
  }
  return out;
}

/** Han characters; English texts may name a Chinese thing only through an allowed proper name. */
const HAN = /\p{Script=Han}/u;
/** A language is offered by its own name in every language (the switcher's 中文). */
const NATIVE_NAMES = new Set(['common:lang.zh']);

beforeAll(async () => {
  // Each area registers its namespace when its i18n module is imported.
  const registering = sourceFiles(WEB_ROOT).filter(
    (f) =>
      /[/\\](i18n|locales[/\\]\w+)\.ts$/.test(f) || /addTranslations\(\s*'/.test(readFileSync(f, 'utf8')),
  );
  for (const file of registering) await import(file);
});

function bundles(): { ns: string; zh: Map<string, string>; en: Map<string, string> }[] {
  const namespaces = Object.keys(i18n.store.data['zh-CN'] ?? {});
  return namespaces.map((ns) => ({
    ns,
    zh: flatten(i18n.getResourceBundle('zh-CN', ns)),
    en: flatten(i18n.getResourceBundle('en', ns)),
  }));
}

describe('locales', () => {
  it('registers the namespaces of every area', () => {
    const names = bundles().map((b) => b.ns);
    for (const ns of ['common', 'storefront', 'console', 'consoleCatalog', 'dealer', 'listings']) {
      expect(names).toContain(ns);
    }
  });

  it('has every key in both zh-CN and en', () => {
    for (const { ns, zh, en } of bundles()) {
      // Plural forms differ by language (Chinese has one form): compare the keys without their suffix.
      const base = (keys: Iterable<string>) =>
        new Set([...keys].map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')));
      const zhKeys = base(zh.keys());
      const enKeys = base(en.keys());
      const onlyZh = [...zhKeys].filter((k) => !enKeys.has(k)).map((k) => `${ns}:${k}`);
      const onlyEn = [...enKeys].filter((k) => !zhKeys.has(k)).map((k) => `${ns}:${k}`);
      expect(onlyZh, 'keys missing in en').toEqual([]);
      expect(onlyEn, 'keys missing in zh-CN').toEqual([]);
    }
  });

  it('has no Chinese in the English texts and no empty texts', () => {
    const offenders: string[] = [];
    for (const { ns, zh, en } of bundles()) {
      for (const [k, v] of en) {
        if (HAN.test(v) && !NATIVE_NAMES.has(`${ns}:${k}`)) offenders.push(`${ns}:${k} = ${v}`);
        if (v.trim() === '') offenders.push(`${ns}:${k} is empty in en`);
      }
      for (const [k, v] of zh) if (v.trim() === '') offenders.push(`${ns}:${k} is empty in zh-CN`);
    }
    expect(offenders).toEqual([]);
  });

  it('has a text for every literal key the code asks for', () => {
    const all = new Map(bundles().map((b) => [b.ns, b.zh]));
    const missing: string[] = [];
    let checked = 0;
    for (const file of sourceFiles(WEB_ROOT)) {
      // Comments (usage examples) are not calls.
      const src = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '');
      const namespaces = [...src.matchAll(/useTranslation\(\s*(?:'([^']+)')?/g)].map((m) => m[1] ?? 'common');
      const prefixes = [...src.matchAll(/keyPrefix:\s*'([^']+)'/g)].map((m) => m[1] ?? '');
      if (namespaces.length === 0) continue;
      for (const m of src.matchAll(/\bt\(\s*'([^'$`]+)'\s*([,)])/g)) {
        const raw = m[1] ?? '';
        const hasDefault =
          m[2] === ',' && /^\s*\{[^}]*defaultValue/.test(src.slice((m.index ?? 0) + m[0].length));
        if (hasDefault) continue;
        const [nsPart, keyPart] = raw.includes(':') ? raw.split(':', 2) : [undefined, raw];
        const keys = [keyPart ?? raw, ...prefixes.map((p) => `${p}.${keyPart ?? raw}`)];
        checked++;
        const candidates = nsPart ? [nsPart] : [...namespaces, 'common'];
        const found = candidates.some((ns) => {
          const texts = all.get(ns);
          if (!texts) return false;
          // plural forms and objects returned whole (returnObjects)
          return keys.some(
            (key) =>
              texts.has(key) ||
              [...texts.keys()].some((k) => k.startsWith(`${key}_`) || k.startsWith(`${key}.`)),
          );
        });
        if (!found) missing.push(`${path.relative(WEB_ROOT, file)}: ${raw}`);
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(500);
  });
});
