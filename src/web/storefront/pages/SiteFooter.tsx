import { Layout, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSiteInfo } from '../../shared/hooks/platform.js';
import { companyName } from './SitePages.js';
import '../../shared/faq-i18n.js';

const MIIT_BEIAN = 'https://beian.miit.gov.cn/';

/** The public-security filing lookup for a 公安备案号 (the digits of the number are its record code). */
export function psbFilingUrl(filing: string): string {
  const code = filing.replace(/\D/g, '');
  return code ? `https://beian.mps.gov.cn/#/query/webSearch?code=${code}` : 'https://beian.mps.gov.cn/';
}

const linkStyle = { color: '#d9d9d9' } as const;

/**
 * The storefront footer: the site pages, customer service, and the ICP and public-security filing numbers
 * from the site configuration (each hidden when not configured).
 */
export function SiteFooter() {
  const { t, i18n } = useTranslation('storefront');
  const site = useSiteInfo().data;
  const company = companyName(site, i18n.language);
  const pages = [
    ['about', '/about'],
    ['contact', '/contact'],
    ['help', '/guide'],
    ['privacy', '/privacy'],
    ['terms', '/terms'],
  ] as const;
  const tools = [
    ['toolLoan', '/tools/loan'],
    ['toolInsurance', '/tools/insurance'],
    ['toolTradeIn', '/tools/trade-in'],
  ] as const;
  return (
    <Layout.Footer
      style={{ textAlign: 'center', padding: '24px 16px', background: '#262626', color: '#bfbfbf' }}
      data-testid="site-footer"
    >
      <Space
        wrap
        size={[16, 4]}
        style={{ justifyContent: 'center', marginBottom: 8 }}
        data-testid="footer-tools"
      >
        {tools.map(([k, to]) => (
          <Link key={k} to={to} style={linkStyle} data-testid={`footer-tool-${to.split('/').at(-1)}`}>
            {t(`footer.${k}`)}
          </Link>
        ))}
      </Space>
      <br />
      <Space
        wrap
        size={[16, 4]}
        style={{ justifyContent: 'center', marginBottom: 8 }}
        data-testid="footer-links"
      >
        {pages.map(([k, to]) => (
          <Link key={k} to={to} style={linkStyle} data-testid={`footer-link-${k}`}>
            {t(`footer.${k}`)}
          </Link>
        ))}
        <Link to="/faq" style={linkStyle} data-testid="footer-link-faq">
          {t('faq:footer')}
        </Link>
      </Space>
      {(site?.contactPhone || site?.contactEmail) && (
        <div style={{ fontSize: 12 }} data-testid="footer-contact">
          {site.contactPhone && (
            <span>
              {t('footer.hotline')}{' '}
              <a href={`tel:${site.contactPhone.replace(/[^\d+]/g, '')}`} style={linkStyle}>
                {site.contactPhone}
              </a>{' '}
              {t('footer.hours')}
            </span>
          )}
          {site.contactPhone && site.contactEmail && ' · '}
          {site.contactEmail && (
            <a href={`mailto:${site.contactEmail}`} style={linkStyle}>
              {site.contactEmail}
            </a>
          )}
        </div>
      )}
      {(site?.icpFiling || site?.psbFiling) && (
        <Space
          wrap
          size={[12, 0]}
          style={{ justifyContent: 'center', fontSize: 12 }}
          data-testid="footer-icp"
        >
          {site.icpFiling && (
            <a
              href={MIIT_BEIAN}
              target="_blank"
              rel="noreferrer"
              style={linkStyle}
              data-testid="footer-icp-link"
            >
              {site.icpFiling}
            </a>
          )}
          {site.psbFiling && (
            <a
              href={psbFilingUrl(site.psbFiling)}
              target="_blank"
              rel="noreferrer"
              style={linkStyle}
              data-testid="footer-psb-link"
            >
              {site.psbFiling}
            </a>
          )}
        </Space>
      )}
      <div style={{ fontSize: 12 }} data-testid="footer-copyright">
        {company
          ? t('footer.copyrightOf', { year: new Date().getFullYear(), company })
          : t('footer.copyright', { year: new Date().getFullYear() })}
      </div>
    </Layout.Footer>
  );
}
