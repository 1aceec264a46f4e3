// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderInApp, setupAppTests } from '../testing.js';
import { ConsentBanner, TrackingPrivacySection } from './ConsentBanner.js';
import { CONSENT_KEY, tracker, VISITOR_KEY } from './tracker.js';

setupAppTests();

describe('consent banner', () => {
  it('asks in Chinese with a link to the statistics section, and remembers a refusal without a visitor id', async () => {
    renderInApp(<ConsentBanner />);
    const banner = await screen.findByTestId('consent-banner');
    expect(banner.textContent).toContain('IP 地址只保留前三段');
    expect(banner.querySelector('a')?.getAttribute('href')).toBe('/privacy#analytics');
    tracker.track('page_view');
    fireEvent.click(screen.getByTestId('consent-decline'));
    await waitFor(() => expect(screen.queryByTestId('consent-banner')).toBeNull());
    expect(localStorage.getItem(CONSENT_KEY)).toBe('declined');
    expect(localStorage.getItem(VISITOR_KEY)).toBeNull();
    expect(tracker.consent).toBe('declined');
  });

  it('explains on the privacy page what is collected, the truncated IP and the retention', async () => {
    renderInApp(<TrackingPrivacySection />);
    const section = await screen.findByTestId('privacy-analytics');
    for (const text of ['网站使用统计', '前三段', '730 天', '拒绝后'])
      expect(section.textContent).toContain(text);
  });
});
