import type { DbHandle } from '../../kernel/db/client.js';
import type { Lang } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { formatCny } from '../../kernel/money.js';
import { findTrimFacts, trimPricingFacts } from '../catalog/index.js';
import { getPublicStore, type TOpeningHours } from '../dealers/index.js';
import { listingPricingFacts } from '../listings/index.js';
import { landedPrice } from '../pricing/index.js';
import type { FAQ_PLACEHOLDERS } from './leads.faq.enums.js';
import * as repo from './leads.faq.repository.js';
import { normalizeQuestion } from './leads.faq.retrieval.js';
import { contextOf, faqLibrary } from './leads.faq.service.js';

// The FAQ bot's seam: consultations ask it first (and always when no advisor is online) and tell it when a
// conversation goes to a person, which is what its deflection rate counts.

export interface FaqBotQuestion {
  readonly text: string;
  readonly lang: Lang;
  readonly conversationId: string | null;
  /** What the buyer is looking at, for answers with live data (a trim's price, a store's hours). */
  readonly listingId: string | null;
  readonly trimId: string | null;
  readonly storeId: string | null;
  readonly cityCode: string | null;
}

export interface FaqBotAnswer {
  /** True when the best match clears the confidence threshold and `answer` is what to show. */
  readonly answered: boolean;
  /** 0..1 score of the best match. */
  readonly confidence: number;
  readonly faqId: string | null;
  /** The answer text with any live data filled in (null when not answered). */
  readonly answer: string | null;
  /** Near matches to offer as "did you mean" (question texts). */
  readonly suggestions: readonly { faqId: string; question: string }[];
  /** Offer a person (or a callback when nobody is online). */
  readonly offerHuman: boolean;
}

/** Matching FAQs linked to the vehicle in view rank a little higher than general ones. */
const LINKED_VEHICLE_BOOST = 1.15;
const MAX_SUGGESTIONS = 3;

/** Answers a buyer's question from the FAQ library and logs it (for deflection and unanswered questions). */
export async function askFaqBot(db: DbHandle, question: FaqBotQuestion, at: Date): Promise<FaqBotAnswer> {
  return (await askWithQuestion(db, question, at, 'chat')).answer;
}

/** askFaqBot plus the FAQ's question text (the help page shows it); `channel` says where it was asked. */
export async function askWithQuestion(
  db: DbHandle,
  question: FaqBotQuestion,
  at: Date,
  channel: 'chat' | 'help_page',
): Promise<{ answer: FaqBotAnswer; question: string | null }> {
  const library = await faqLibrary(db, at);
  const context = await liveContext(db, question);
  const match = library.index.search(question.text, MAX_SUGGESTIONS + 1, (faqId) => {
    const faq = library.faqs.get(faqId);
    if (!faq || !context.trimId) return 1;
    const linked =
      faq.trimIds.includes(context.trimId) ||
      (context.seriesId !== null && faq.seriesIds.includes(context.seriesId));
    return linked ? LINKED_VEHICLE_BOOST : 1;
  });
  const best = match.ranked[0] ? library.faqs.get(match.ranked[0].id) : undefined;
  const answered = best !== undefined && match.confidence >= library.threshold;
  const template = best ? (question.lang === 'en' && best.answerEn ? best.answerEn : best.answer) : null;
  const answer = answered && template ? await fillAnswer(db, template, context, question.lang, at) : null;
  const suggestions = answered
    ? []
    : match.ranked.slice(0, MAX_SUGGESTIONS).flatMap((r) => {
        const faq = library.faqs.get(r.id);
        return faq ? [{ faqId: faq.id, question: faq.question }] : [];
      });
  await repo.insertQuestion(db, {
    id: newId('faqq'),
    text: question.text.slice(0, 500),
    normalized: normalizeQuestion(question.text).slice(0, 500),
    faqId: best?.id ?? null,
    confidence: match.confidence,
    answered,
    channel,
    conversationId: question.conversationId,
    resolvedAt: null,
    askedAt: at,
  });
  if (question.conversationId) {
    await repo.countQuestionInConversation(db, question.conversationId, answered, at);
  }
  return {
    answer: {
      answered,
      confidence: match.confidence,
      faqId: answered ? (best?.id ?? null) : null,
      answer,
      suggestions,
      offerHuman: !answered,
    },
    question: answered ? (best?.question ?? null) : null,
  };
}

/** A conversation the bot had went to a person: it does not count as deflected. */
export async function recordHandOff(db: DbHandle, conversationId: string, at: Date): Promise<void> {
  await repo.markHandedOff(db, conversationId, at);
}

// ---- live data ----

export interface LiveContext {
  readonly listingId: string | null;
  readonly trimId: string | null;
  readonly seriesId: string | null;
  readonly storeId: string | null;
  readonly cityCode: string | null;
  /** The listing's price when a listing is in view (else the trim's guide price is used). */
  readonly listingPriceFen: number | null;
}

async function liveContext(db: DbHandle, q: FaqBotQuestion): Promise<LiveContext> {
  const listing = q.listingId ? await listingPricingFacts(db, q.listingId) : undefined;
  const trimId = listing?.trimId ?? q.trimId;
  const trim = trimId ? await findTrimFacts(db, trimId) : undefined;
  return {
    listingId: listing?.id ?? null,
    trimId: trim?.id ?? null,
    seriesId: trim?.seriesId ?? null,
    storeId: q.storeId,
    cityCode: q.cityCode ?? listing?.cityCode ?? null,
    listingPriceFen: listing && listing.status === 'published' ? listing.priceFen : null,
  };
}

type Placeholder = (typeof FAQ_PLACEHOLDERS)[number];
type Values = Partial<Record<Placeholder, string>>;

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const WEEKDAY_NAMES = {
  'zh-CN': ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
} as const;

/** Opening hours as one line, consecutive days with the same hours merged (周一至周五 09:00-18:00). */
export function formatOpeningHours(hours: TOpeningHours, lang: Lang): string {
  const names = WEEKDAY_NAMES[lang];
  const closed = lang === 'en' ? 'closed' : '休息';
  const text = (d: (typeof WEEKDAYS)[number]) =>
    hours[d].length === 0 ? closed : hours[d].map(([a, b]) => `${a}-${b}`).join(lang === 'en' ? ', ' : '、');
  const parts: string[] = [];
  let start = 0;
  for (let i = 1; i <= WEEKDAYS.length; i++) {
    const prev = WEEKDAYS[i - 1] as (typeof WEEKDAYS)[number];
    const cur = WEEKDAYS[i];
    if (cur && text(cur) === text(prev)) continue;
    const span =
      i - 1 === start ? names[start] : `${names[start]}${lang === 'en' ? '-' : '至'}${names[i - 1]}`;
    parts.push(`${span} ${text(prev)}`);
    start = i;
  }
  return parts.join(lang === 'en' ? '; ' : '；');
}

async function liveValues(db: DbHandle, c: LiveContext, lang: Lang, at: Date): Promise<Values> {
  const values: Values = {};
  const query = new URLSearchParams();
  if (c.trimId) query.set('trimId', c.trimId);
  if (c.storeId) query.set('storeId', c.storeId);
  if (c.cityCode) query.set('cityCode', c.cityCode);
  const qs = query.toString();
  values['testdrive.nextSlots'] = testDriveLink(qs, lang);
  if (c.trimId) {
    const trim = await findTrimFacts(db, c.trimId);
    if (trim) {
      const priceFen = c.listingPriceFen ?? trim.guidePriceFen;
      values['trim.name'] = `${trim.brandName} ${trim.seriesName} ${trim.modelYear}款 ${trim.name}`;
      values['trim.price'] = formatCny(trim.guidePriceFen, lang);
      const ctx = contextOf(db);
      if (ctx && c.cityCode) {
        try {
          const facts = await trimPricingFacts(db, trim.id);
          const landed = await landedPrice(
            ctx,
            {
              priceFen,
              energy: facts.energyType,
              seats: facts.seats,
              displacementMl: facts.displacementMl,
              cityCode: c.cityCode,
              used: false,
              exemptionCatalogue: facts.nevTaxExempt,
              tradeIn: null,
            },
            lang,
            at,
          );
          values['trim.landedPrice'] = formatCny(landed.totalFen, lang);
        } catch {
          // No rules for that city or date: the answer falls back to the generic sentence.
        }
      }
    }
  }
  if (c.storeId) {
    const store = await getPublicStore(db, c.storeId).catch(() => null);
    if (store) {
      values['store.name'] = store.name;
      values['store.hours'] = formatOpeningHours(store.openingHours, lang);
      values['store.address'] = `${store.city.name}${store.district}${store.address}`;
      values['store.phone'] = store.phone;
    }
  }
  return values;
}

/** The booking page's link (the testdrives module owns the calendar and shows the free slots there). */
function testDriveLink(qs: string, lang: Lang): string {
  const href = `/test-drive${qs ? `?${qs}` : ''}`;
  return lang === 'en'
    ? `[Book a test drive](${href}) to see the free slots.`
    : `[预约试驾](${href})，查看可预约的时间段。`;
}

/** What replaces a sentence whose live data is missing (never a raw placeholder). */
const GENERIC: Record<'trim' | 'store', Record<Lang, string>> = {
  trim: {
    'zh-CN': '具体车型的指导价和按您所在城市估算的落地价，可在车辆页面的“落地价”计算器中查看。',
    en: 'The guide price of a trim and its landed price in your city are on the vehicle page ("landed price").',
  },
  store: {
    'zh-CN': '门店的营业时间、地址和电话可在车辆页面的“门店”信息中查看，或由销售顾问告诉您。',
    en: 'A store’s opening hours, address and phone are on the vehicle page, or ask a sales advisor.',
  },
};

/**
 * Fills the placeholders of an answer. A sentence whose placeholder has no value is replaced by one generic
 * sentence per kind of data (trim, store), so a buyer never sees {{...}} or a half sentence.
 */
export function fillPlaceholders(template: string, values: Values, lang: Lang): string {
  const sentences = template.match(/[^。！？!?\n]+[。！？!?\n]*|[。！？!?\n]+/g) ?? [template];
  const out: string[] = [];
  const generic = new Set<'trim' | 'store'>();
  for (const sentence of sentences) {
    let missing: string | null = null;
    const filled = sentence.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_, key: string) => {
      const v = values[key as Placeholder];
      if (v === undefined) missing = key;
      return v ?? '';
    });
    if (missing === null) {
      out.push(filled);
      continue;
    }
    const kind = (missing as string).startsWith('store.') ? 'store' : 'trim';
    if (!generic.has(kind)) {
      generic.add(kind);
      out.push(GENERIC[kind][lang]);
    }
  }
  return out.join('').trim();
}

async function fillAnswer(
  db: DbHandle,
  template: string,
  c: LiveContext,
  lang: Lang,
  at: Date,
): Promise<string> {
  if (!template.includes('{{')) return template;
  return fillPlaceholders(template, await liveValues(db, c, lang, at), lang);
}

/** An answer for the help page (no vehicle or store in view): placeholders become the generic sentences. */
export function genericAnswer(template: string, lang: Lang): string {
  if (!template.includes('{{')) return template;
  return fillPlaceholders(template, { 'testdrive.nextSlots': testDriveLink('', lang) }, lang);
}
