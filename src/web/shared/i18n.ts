import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { commonEn, commonZh } from './locales/common.js';

export type WebLang = 'zh-CN' | 'en';
const STORAGE_KEY = 'ay_lang';

function storedLang(): WebLang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

void i18n.use(initReactI18next).init({
  lng: storedLang(),
  fallbackLng: 'zh-CN',
  supportedLngs: ['zh-CN', 'en'],
  ns: ['common'],
  defaultNS: 'common',
  resources: { 'zh-CN': { common: commonZh }, en: { common: commonEn } },
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});

/** The language the UI shows and the API is asked to answer in. */
export function currentLang(): WebLang {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

/** Switches the UI language and remembers the choice in localStorage. */
export function setLang(lang: WebLang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

/**
 * Adds an area's translations (one namespace per area: storefront, console, dealer). Call it at the top
 * level of the area's module so the texts arrive with the lazily loaded code.
 */
export function addTranslations(ns: string, zh: Record<string, unknown>, en: Record<string, unknown>): void {
  i18n.addResourceBundle('zh-CN', ns, zh, true, true);
  i18n.addResourceBundle('en', ns, en, true, true);
}

/** Picks the zh or en text of a `{zh, en}` pair coming from the API. */
export function pickName(
  name: { zh: string; en: string } | undefined,
  lang: WebLang = currentLang(),
): string {
  if (!name) return '';
  return lang === 'en' ? name.en : name.zh;
}

export { i18n };
