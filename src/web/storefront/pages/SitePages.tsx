import './i18n.js';
import { Card, Descriptions, Typography } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LEGAL_VERSIONS } from '../../../server/modules/identity/identity.contract.js';
import { TrackingPrivacySection } from '../../shared/analytics/ConsentBanner.js';
import { type SiteInfo, useSiteInfo } from '../../shared/hooks/platform.js';

// The storefront's site pages: /about, /contact, /privacy (PIPL-oriented), /terms. The operator's name and
// contact come from the site configuration (GET /platform/site), never from the texts.

interface Section {
  title: string;
  paragraphs: string[];
}

/** The operator's name in the UI language (the Chinese name when no English one is configured). */
export function companyName(site: SiteInfo | undefined, lang: string): string | null {
  if (!site) return null;
  return (lang === 'en' ? (site.companyNameEn ?? site.companyName) : site.companyName) ?? null;
}

/** The values the legal texts interpolate: company and how to reach it, with neutral fallbacks. */
function useLegalValues() {
  const { t, i18n } = useTranslation('legal');
  const site = useSiteInfo().data;
  const contact = [site?.contactEmail, site?.contactPhone]
    .filter(Boolean)
    .join(i18n.language === 'en' ? ', ' : '，');
  return {
    company: companyName(site, i18n.language) ?? t('operatorFallback'),
    contact: contact || t('contactFallback'),
  };
}

function useTitle(title: string) {
  useEffect(() => {
    const before = document.title;
    document.title = `${title} - Autoyard`;
    return () => {
      document.title = before;
    };
  }, [title]);
}

function Document({ page, version }: { page: 'about' | 'privacy' | 'terms'; version?: string }) {
  const { t } = useTranslation('legal');
  const values = useLegalValues();
  const title = t(`${page}.title`);
  useTitle(title);
  const sections = t(`${page}.sections`, { returnObjects: true, ...values }) as unknown as Section[];
  const intro = page === 'about' ? null : t(`${page}.intro`, values);
  return (
    <Card data-testid={`site-page-${page}`} style={{ maxWidth: 860, margin: '0 auto' }}>
      <Typography>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {title}
        </Typography.Title>
        {version && (
          <Typography.Paragraph type="secondary" data-testid="legal-version">
            {t('updated', { version })}
          </Typography.Paragraph>
        )}
        {intro && <Typography.Paragraph>{intro}</Typography.Paragraph>}
        {Array.isArray(sections) &&
          sections.map((s) => (
            <section key={s.title}>
              <Typography.Title level={4}>{s.title}</Typography.Title>
              {s.paragraphs.map((p) => (
                <Typography.Paragraph key={p}>{p}</Typography.Paragraph>
              ))}
            </section>
          ))}
        <Link to="/">{t('back')}</Link>
      </Typography>
    </Card>
  );
}

export function AboutPage() {
  return <Document page="about" />;
}

export function PrivacyPage() {
  return (
    <>
      <Document page="privacy" version={LEGAL_VERSIONS.privacy} />
      <TrackingPrivacySection />
    </>
  );
}

export function TermsPage() {
  return <Document page="terms" version={LEGAL_VERSIONS.terms} />;
}

export function ContactPage() {
  const { t, i18n } = useTranslation('legal');
  const site = useSiteInfo().data;
  useTitle(t('contact.title'));
  const company = companyName(site, i18n.language);
  type Item = { key: string; label: string; children: ReactNode };
  const items = [
    company && { key: 'company', label: t('contact.company'), children: company },
    site?.contactPhone && {
      key: 'phone',
      label: t('contact.phone'),
      children: (
        <a href={`tel:${site.contactPhone.replace(/[^\d+]/g, '')}`} data-testid="contact-phone">
          {site.contactPhone}
        </a>
      ),
    },
    site?.contactPhone && { key: 'hours', label: t('contact.hours'), children: t('contact.hoursValue') },
    site?.contactEmail && {
      key: 'email',
      label: t('contact.email'),
      children: (
        <a href={`mailto:${site.contactEmail}`} data-testid="contact-email">
          {site.contactEmail}
        </a>
      ),
    },
    site?.address && { key: 'address', label: t('contact.address'), children: site.address },
  ].filter(Boolean) as Item[];
  return (
    <Card data-testid="site-page-contact" style={{ maxWidth: 860, margin: '0 auto' }}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('contact.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('contact.intro')}</Typography.Paragraph>
      {items.length > 0 ? (
        <Descriptions column={1} bordered size="small" items={items} style={{ marginBottom: 16 }} />
      ) : (
        <Typography.Paragraph type="secondary">{t('contact.none')}</Typography.Paragraph>
      )}
      <Typography.Title level={4}>{t('contact.dealers')}</Typography.Title>
      <Typography.Paragraph>{t('contact.dealersText')}</Typography.Paragraph>
      <Typography.Title level={4}>{t('contact.privacy')}</Typography.Title>
      <Typography.Paragraph>
        {t('contact.privacyText')} <Link to="/privacy">{t('privacy.title')}</Link>
      </Typography.Paragraph>
    </Card>
  );
}
