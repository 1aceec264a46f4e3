import { bothLanguages, numberRuleIssue } from '../../kernel/http/validation.contract.js';
import type { NewTrimRow, ParameterDefinitionRow } from './catalog.schema.js';
import { parameterRule, type TParameterValue } from './model.contract.js';
import type * as repo from './model.repository.js';

// A trim's parameter sheet: values checked against the dictionary, and the key facts copied from it.

/** Parameter keys whose values are copied onto catalog_trims as key facts (filters, cards). */
export const KEY_FACT_PARAMS = {
  seats: 'body.seats',
  electricRangeKm: 'battery.cltc_range_km',
  displacementL: 'engine.displacement_l',
  powerKw: 'basic.max_power_kw',
} as const;

/** A message in both languages (the error handler sends the request's one). */
export type Said = { zh: string; en: string };

export interface ValueProblem {
  key: string;
  message: Said;
}

const TYPE_NAMES: Record<string, Said> = {
  number: { zh: '数值', en: 'a number' },
  feature: { zh: '配置项（标配/选配/无）', en: 'a feature (standard/optional/none)' },
  text: { zh: '文字', en: 'text' },
  boolean: { zh: '是/否', en: 'yes/no' },
};

function said(def: ParameterDefinitionRow, zh: string, en: string): Said {
  return { zh: `${def.name}${zh}`, en: `${def.nameEn} ${en}` };
}

/** Checks one value against its definition; returns a problem message or the row columns to store. */
export function checkValue(
  def: ParameterDefinitionRow,
  value: TParameterValue,
): { ok: true; row: Omit<repo.NewTrimParameterRow, 'trimId'> } | { ok: false; message: Said } {
  if (value.type !== def.valueType) {
    const type = TYPE_NAMES[def.valueType] ?? { zh: def.valueType, en: def.valueType };
    return { ok: false, message: said(def, `须为${type.zh}`, `must be ${type.en}`) };
  }
  const base = {
    paramKey: def.key,
    numberValue: null,
    textValue: null,
    booleanValue: null,
    featureValue: null,
    optionPriceFen: null,
  };
  switch (value.type) {
    case 'number': {
      if (value.unit !== undefined && value.unit !== null && value.unit !== def.unit) {
        return {
          ok: false,
          message: def.unit
            ? said(def, `的单位须为 ${def.unit}`, `must be in ${def.unit}`)
            : said(def, '没有单位', 'has no unit'),
        };
      }
      if (Math.abs(value.value) >= 1e9)
        return { ok: false, message: said(def, '超出范围', 'is out of range') };
      // The dictionary's value rule (a top speed of −5 km/h is refused), said with the parameter's name.
      const rule = parameterRule(def);
      const issue = rule ? numberRuleIssue(value.value, rule) : null;
      if (issue) {
        return {
          ok: false,
          message: bothLanguages(issue, { zh: def.name, en: def.nameEn }, def.unit),
        };
      }
      return { ok: true, row: { ...base, numberValue: String(value.value) } };
    }
    case 'feature':
      if (value.value !== 'optional' && value.optionPriceFen) {
        return {
          ok: false,
          message: said(def, '：只有选配项才有选装价格', ': only an optional feature has an option price'),
        };
      }
      return {
        ok: true,
        row: { ...base, featureValue: value.value, optionPriceFen: value.optionPriceFen ?? null },
      };
    case 'text':
      return { ok: true, row: { ...base, textValue: value.value } };
    case 'boolean':
      return { ok: true, row: { ...base, booleanValue: value.value } };
  }
}

/** Validates a whole sheet; every bad key is reported, not just the first. */
export function validateSheet(
  defs: Map<string, ParameterDefinitionRow>,
  values: Record<string, TParameterValue>,
): { rows: Omit<repo.NewTrimParameterRow, 'trimId'>[]; problems: ValueProblem[] } {
  const rows: Omit<repo.NewTrimParameterRow, 'trimId'>[] = [];
  const problems: ValueProblem[] = [];
  for (const [key, value] of Object.entries(values)) {
    const def = defs.get(key);
    if (!def) {
      problems.push({ key, message: { zh: `未知参数 ${key}`, en: `Unknown parameter ${key}` } });
      continue;
    }
    const checked = checkValue(def, value);
    if (checked.ok) rows.push(checked.row);
    else problems.push({ key, message: checked.message });
  }
  return { rows, problems };
}

/** Key facts of a trim as the sheet states them; keys absent from the sheet are left out. */
export function factsFromSheet(rows: Omit<repo.NewTrimParameterRow, 'trimId'>[]): Partial<NewTrimRow> {
  const num = (key: string): number | null | undefined => {
    const r = rows.find((x) => x.paramKey === key);
    if (!r) return undefined;
    return r.numberValue === null || r.numberValue === undefined ? null : Number(r.numberValue);
  };
  const facts: Partial<NewTrimRow> = {};
  const seats = num(KEY_FACT_PARAMS.seats);
  if (seats !== undefined && seats !== null) facts.seats = Math.round(seats);
  const range = num(KEY_FACT_PARAMS.electricRangeKm);
  facts.electricRangeKm = range === undefined || range === null ? null : Math.round(range);
  const disp = num(KEY_FACT_PARAMS.displacementL);
  facts.displacementL = disp === undefined || disp === null ? null : disp.toFixed(1);
  const power = num(KEY_FACT_PARAMS.powerKw);
  facts.powerKw = power === undefined || power === null ? null : Math.round(power);
  return facts;
}
