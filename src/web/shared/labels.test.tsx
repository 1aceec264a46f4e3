// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { ROLE_NAMES, ROLES } from '../../server/kernel/auth/roles.js';
import * as catalogEnums from '../../server/modules/catalog/catalog.enums.js';
import * as listingEnums from '../../server/modules/listings/listings.enums.js';
import { i18n } from './i18n.js';
import { auditActionLabel, ENUM_VALUES, type LabelKind, labelFor, labelsEn, labelsZh } from './labels.js';

// Every value of the server enums has a label in both locales, and no label is just the code again.

const CJK = /[\u3400-\u9fff]/;

function check(kind: LabelKind, values: readonly string[]) {
  const zh = labelsZh[kind] as Record<string, string>;
  const en = labelsEn[kind] as Record<string, string>;
  for (const v of values) {
    expect(zh[v], `${kind}.${v} zh`).toBeTruthy();
    expect(en[v], `${kind}.${v} en`).toBeTruthy();
    expect(en[v], `${kind}.${v} en has no Chinese`).not.toMatch(CJK);
  }
  // No stale labels for values the server dropped.
  expect(Object.keys(zh).sort()).toEqual([...values].sort());
  expect(Object.keys(en).sort()).toEqual([...values].sort());
}

describe('labels', () => {
  it('covers every label kind in both locales', () => {
    for (const [kind, values] of Object.entries(ENUM_VALUES)) check(kind as LabelKind, values);
  });

  it('covers every exported enum of catalog.enums.ts and listings.enums.ts', () => {
    const covered = new Set(Object.values(ENUM_VALUES).map((v) => v as readonly string[]));
    for (const [name, values] of [...Object.entries(catalogEnums), ...Object.entries(listingEnums)]) {
      if (!Array.isArray(values)) continue;
      expect(covered.has(values), `${name} has a label kind`).toBe(true);
    }
  });

  it('names every role in both locales', () => {
    for (const r of ROLES) {
      expect(ROLE_NAMES[r].zh).toMatch(CJK);
      expect(ROLE_NAMES[r].en).not.toMatch(CJK);
    }
  });

  it('labelFor answers in the UI language, with the code for unknown values and — for none', async () => {
    await i18n.changeLanguage('zh-CN');
    const t = i18n.getFixedT('zh-CN', 'labels');
    expect(labelFor(t, 'energyType', 'phev')).toBe('插电混动');
    expect(labelFor(t, 'catalogStatus', 'on_sale')).toBe('在售');
    expect(labelFor(t, 'parameterType', 'number')).toBe('数值');
    expect(labelFor(t, 'energyType', 'steam')).toBe('steam');
    expect(labelFor(t, 'energyType', null)).toBe('—');
    const en = i18n.getFixedT('en', 'labels');
    expect(labelFor(en, 'energyType', 'phev')).toBe('Plug-in hybrid');
    expect(labelFor(en, 'dealerStatus', 'suspended')).toBe('Suspended');
  });

  it('audit actions read as entity · verb', () => {
    const zh = i18n.getFixedT('zh-CN', 'labels');
    expect(auditActionLabel(zh, 'catalog.brand.update')).toBe('品牌 · 修改');
    expect(auditActionLabel(zh, 'dealer.qualification_add')).toBe('经销商 · 添加资质');
    expect(auditActionLabel(zh, 'catalog.ad_law_term.create')).toBe('广告法用语 · 新建');
    expect(auditActionLabel(zh, 'auth.sign_in')).toBe('账号 · 登录');
    expect(auditActionLabel(zh, 'mystery.thing')).toBe('mystery.thing');
    const en = i18n.getFixedT('en', 'labels');
    expect(auditActionLabel(en, 'staff.create')).toBe('Staff · created');
  });
});
