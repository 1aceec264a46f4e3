import './i18n.js';
import { Button, Card, Typography } from 'antd';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Consent, tracker } from './tracker.js';

function useConsent(): Consent {
  return useSyncExternalStore(
    (l) => tracker.subscribe(l),
    () => tracker.consent,
    () => tracker.consent,
  );
}

/**
 * The PIPL notice for first-party statistics: a compact bar at the bottom of the storefront (above the phone
 * tab bar), until the visitor accepts or declines; the answer is remembered in localStorage (CONSENT_KEY).
 */
export function ConsentBanner() {
  const { t } = useTranslation('tracking');
  const consent = useConsent();
  if (consent) return null;
  return (
    <section
      aria-label={t('banner.label')}
      data-testid="consent-banner"
      style={{
        position: 'fixed',
        left: 8,
        right: 8,
        bottom: 'calc(var(--ay-tabbar-height, 0px) + 8px)',
        zIndex: 40,
        maxWidth: 760,
        margin: '0 auto',
        background: 'rgba(255,255,255,0.98)',
        boxShadow: '0 2px 12px rgba(0,0,0,0.18)',
        borderRadius: 8,
        padding: '6px 10px',
        display: 'flex',
        alignItems: 'center',
        gap: 8,
        flexWrap: 'wrap',
        fontSize: 12,
      }}
    >
      <Typography.Text style={{ flex: '1 1 240px', fontSize: 12 }}>
        {t('banner.text')} <Link to="/privacy#analytics">{t('banner.more')}</Link>
      </Typography.Text>
      <Button size="small" onClick={() => tracker.setConsent('declined')} data-testid="consent-decline">
        {t('banner.decline')}
      </Button>
      <Button
        size="small"
        type="primary"
        onClick={() => tracker.setConsent('granted')}
        data-testid="consent-accept"
      >
        {t('banner.accept')}
      </Button>
    </section>
  );
}

/** The statistics section of the privacy page (/privacy#analytics). */
export function TrackingPrivacySection() {
  const { t } = useTranslation('tracking');
  const paragraphs = t('privacy.paragraphs', { returnObjects: true }) as unknown as string[];
  return (
    <Card id="analytics" data-testid="privacy-analytics" style={{ maxWidth: 860, margin: '12px auto 0' }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('privacy.title')}
      </Typography.Title>
      {Array.isArray(paragraphs) &&
        paragraphs.map((p) => <Typography.Paragraph key={p}>{p}</Typography.Paragraph>)}
    </Card>
  );
}
