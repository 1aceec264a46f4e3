import type { Lang } from '../../http/errors.js';

/** SMS texts by template key, in zh-CN and en; `{name}` placeholders come from the message params. */
const TEMPLATES: Record<string, Record<Lang, string>> = {
  'auth.sms_code': {
    'zh-CN': '【Autoyard】您的验证码是{code}，{minutes}分钟内有效。请勿泄露给他人。',
    en: '[Autoyard] Your verification code is {code}. It is valid for {minutes} minutes. Do not share it with anyone.',
  },
};

/** Renders an SMS template; throws on an unknown key or a missing parameter (a programming error). */
export function renderSmsText(
  templateKey: string,
  lang: Lang,
  params: Readonly<Record<string, string>>,
): string {
  const template = TEMPLATES[templateKey]?.[lang];
  if (!template) throw new Error(`Unknown SMS template ${templateKey}`);
  return template.replace(/\{(\w+)\}/g, (_m, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`SMS template ${templateKey} needs parameter ${key}`);
    return value;
  });
}
