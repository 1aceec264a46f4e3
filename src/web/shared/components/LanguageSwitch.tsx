import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLang, type WebLang } from '../i18n.js';

/** 中文 / EN switch; the choice is kept in localStorage and sent as Accept-Language. */
export function LanguageSwitch({ size = 'small' }: { size?: 'small' | 'middle' }) {
  const { t, i18n } = useTranslation();
  const value: WebLang = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <Segmented<WebLang>
      size={size}
      data-testid="lang-switch"
      aria-label={t('lang.switchTo')}
      value={value}
      onChange={(v) => setLang(v)}
      options={[
        { value: 'zh-CN', label: <span data-testid="lang-zh">{t('lang.zh')}</span> },
        { value: 'en', label: <span data-testid="lang-en">{t('lang.en')}</span> },
      ]}
    />
  );
}
