import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_NAMES, ROLES } from '../../server/kernel/auth/roles.js';
import { api } from './api.js';
import { useBrandIndex } from './hooks/catalog.js';
import { dealerKeys, type TDealer, useCities } from './hooks/dealers.js';
import type { Page } from './hooks/identity.js';
import { addTranslations, pickName } from './i18n.js';
import { labelsEn } from './labels.en.js';
import { permissionName } from './permission-names.js';

/*
 * labels.tsx: the ONE place where codes become words in the console and the dealer portal.
 *
 * Stable API (used by DataTable, the console and dealer pages, and the listing screens):
 *
 *   const L = useLabels();
 *   L.label('bodyType', 'suv')        → 'SUV' / 'SUV';  L.label('listingStatus', 'on_sale'?) → code if unknown
 *   L.options('energyType')           → [{ value: 'bev', label: '纯电动' }, …]  (for Select filters)
 *   L.role('operator')                → '运营' / 'Operator'
 *   L.permission('staff.read')        → permission name
 *   L.auditAction('catalog.brand.update') → '品牌 · 修改'
 *   L.entityType('dealer'), L.jobName('search.index'), L.color('listingStatus', 'listed') → antd tag colour
 *
 *   const cityName = useCityName();        cityName('330100') → '杭州' / 'Hangzhou' ('' while loading)
 *   const cityOptions = useCityOptions();  [{ value: '330100', label: '杭州' }, …]
 *   const dealerName = useDealerName(enabled); dealerName('dlr_hz_audi') → '杭州奥迪4S店'
 *   const brandName = useBrandName();     brandName('brd_byd') → '比亚迪' / 'BYD'
 *
 *   labelFor(t, kind, code) is the non-hook form (pass the `labels` namespace t).
 *
 * Every value of the server enums listed in ENUM_VALUES has a zh-CN and an English label (labels.test.ts
 * checks it); a code no enum knows is shown as itself so nothing disappears.
 */

import { ENUM_VALUES, type EnumCode, type LabelKind, labelsZh } from './labels.zh.js';

export { ENUM_VALUES, type EnumCode, type LabelKind, labelsZh };

addTranslations('labels', labelsZh, labelsEn);

export { labelsEn };

/** Ant Design tag colours for status-like codes (same in both languages). */
const COLOURS: Partial<Record<LabelKind, Record<string, string>>> = {
  listingStatus: {
    draft: 'default',
    in_review: 'processing',
    listed: 'green',
    rejected: 'red',
    delisted: 'orange',
  },
  dealerStatus: { active: 'green', suspended: 'orange' },
  storeStatus: { active: 'green', closed: 'default' },
  staffStatus: { active: 'green', disabled: 'default' },
  accessoryStatus: { draft: 'default', listed: 'green', delisted: 'orange' },
  catalogStatus: { on_sale: 'green', discontinued: 'default', upcoming: 'blue' },
  jobStatus: {
    queued: 'default',
    running: 'processing',
    succeeded: 'green',
    failed: 'orange',
    dead: 'red',
    discarded: 'default',
  },
  adLawSeverity: { block: 'red', warn: 'orange' },
  itemResult: { ok: 'green', minor: 'blue', moderate: 'gold', severe: 'orange', redline: 'red' },
  listingKind: { new: 'blue', used: 'purple' },
};

type LabelsT = (key: string, opts?: { defaultValue?: string }) => string;

/** A code's label (the `labels` namespace t), or the code itself when no label exists. */
export function labelFor(t: LabelsT, kind: LabelKind, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '—';
  return t(`${kind}.${code}`, { defaultValue: code });
}

/** "catalog.brand.update" → "品牌 · 修改" (entity · verb); an unknown action shows as itself. */
export function auditActionLabel(t: LabelsT, action: string): string {
  const parts = action.split('.');
  const verb = parts.pop() ?? '';
  const verbLabel = t(`audit.verb.${verb}`, { defaultValue: '' });
  if (!verbLabel) return action;
  const entity = parts.filter((p) => p !== 'catalog' || parts.length === 1).join('_');
  const entityLabel = entity ? t(`audit.entity.${entity}`, { defaultValue: '' }) : '';
  if (parts.length > 0 && !entityLabel) return action;
  return entityLabel ? `${entityLabel} · ${verbLabel}` : verbLabel;
}

/** Hook: every label function in the UI language (re-renders when the language changes). */
export function useLabels() {
  const { t, i18n } = useTranslation('labels');
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  return useMemo(() => {
    const tt = t as unknown as LabelsT;
    return {
      lang,
      label: (kind: LabelKind, code: string | null | undefined) => labelFor(tt, kind, code),
      options: (kind: LabelKind) =>
        (ENUM_VALUES[kind] as readonly string[]).map((value) => ({
          value,
          label: labelFor(tt, kind, value),
        })),
      color: (kind: LabelKind, code: string | null | undefined) =>
        (code && COLOURS[kind]?.[code]) || 'default',
      role: (code: string) => {
        const name = (ROLE_NAMES as Record<string, { zh: string; en: string }>)[code];
        return name ? pickName(name, lang) : code;
      },
      roleOptions: (only?: readonly string[]) =>
        (only ?? ROLES).map((r) => ({
          value: r,
          label: pickName(ROLE_NAMES[r as (typeof ROLES)[number]], lang),
        })),
      permission: (code: string) => permissionName(code, lang),
      auditAction: (action: string) => auditActionLabel(tt, action),
      entityType: (type: string) => tt(`audit.entity.${type}`, { defaultValue: type }),
      jobName: (name: string) => tt(`job.${name}`, { defaultValue: name }),
    };
  }, [t, lang]);
}
export type Labels = ReturnType<typeof useLabels>;

/** City code → city name in the UI language ('' while the city list loads: never the raw code). */
export function useCityName(): (code: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const cities = useCities();
  const en = i18n.language === 'en';
  const byCode = useMemo(() => new Map((cities.data ?? []).map((c) => [c.code, c])), [cities.data]);
  return useCallback(
    (code) => {
      if (!code) return '—';
      const c = byCode.get(code);
      if (c) return en ? c.nameEn : c.name;
      return cities.isLoading ? '' : code;
    },
    [byCode, en, cities.isLoading],
  );
}

/** Cities as Select options (label in the UI language, searchable by Chinese name, English name or pinyin). */
export function useCityOptions(): { value: string; label: string; search: string }[] {
  const { i18n } = useTranslation();
  const cities = useCities();
  const en = i18n.language === 'en';
  return useMemo(
    () =>
      (cities.data ?? []).map((c) => ({
        value: c.code,
        label: en ? c.nameEn : c.name,
        search: `${c.name} ${c.nameEn} ${c.pinyin}`,
      })),
    [cities.data, en],
  );
}

/** Every dealer (id, name): for labels and pickers. Only call with `enabled` when the user holds reference.read. */
export function useDealerDirectory(enabled: boolean) {
  return useQuery({
    queryKey: [...dealerKeys.all, 'directory'] as const,
    enabled,
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const out: Pick<TDealer, 'id' | 'name' | 'city'>[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 20; i++) {
        const page = await api<Page<TDealer>>('/dealers/dealers', { query: { limit: 100, cursor } });
        out.push(...page.items.map((d) => ({ id: d.id, name: d.name, city: d.city })));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      return out;
    },
  });
}

/**
 * Dealer id → dealer name. Pass `enabled` = the user holds reference.read (never call an API the user may
 * not call); without it, or while loading, an unknown id shows as '' so no raw id reaches the screen, unless
 * `fallback` gives one (e.g. a name the row already carries).
 */
export function useDealerName(
  enabled: boolean,
): (id: string | null | undefined, fallback?: string) => string {
  const dir = useDealerDirectory(enabled);
  const byId = useMemo(() => new Map((dir.data ?? []).map((d) => [d.id, d.name])), [dir.data]);
  return useCallback(
    (id, fallback) => {
      if (!id) return '—';
      return byId.get(id) ?? fallback ?? '';
    },
    [byId],
  );
}

/** Brand id → brand name in the UI language (from the public brand index). */
export function useBrandName(): (id: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const index = useBrandIndex();
  const en = i18n.language === 'en';
  return useCallback(
    (id) => {
      if (!id) return '—';
      const brand = index.data?.initials.flatMap((g) => g.brands).find((b) => b.id === id);
      if (brand) return en ? brand.nameEn : brand.name;
      return index.isLoading ? '' : id;
    },
    [index.data, index.isLoading, en],
  );
}
