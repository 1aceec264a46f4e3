// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api.js';
import type { NotificationItem } from '../hooks/platform.js';
import { i18n } from '../i18n.js';
import { mockApi, renderInApp, seedStaffMe, setupAppTests } from '../testing.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { NotificationCenter } from './NotificationCenter.js';
import { QrCode } from './QrCode.js';
import { RequirePermission } from './RequirePermission.js';
import { Forbidden, NotFound, QueryState } from './Results.js';
import { StaffSignIn } from './StaffSignIn.js';

// The shared components of the storefront, console and dealer portal, rendered in the app's providers.
// One file for all of them: each test file pays for loading Ant Design and happy-dom once.

setupAppTests();

describe('LanguageSwitch', () => {
  it('switches the UI to English, remembers the choice and marks the document as English', async () => {
    renderInApp(<LanguageSwitch />);
    expect(screen.getByTestId('lang-switch').getAttribute('aria-label')).toBe('切换语言');
    fireEvent.click(screen.getByTestId('lang-en'));
    await waitFor(() => expect(i18n.language).toBe('en'));
    expect(localStorage.getItem('ay_lang')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    await waitFor(() =>
      expect(screen.getByTestId('lang-switch').getAttribute('aria-label')).toBe('Language'),
    );
  });

  it('switches back to Chinese', async () => {
    await i18n.changeLanguage('en');
    renderInApp(<LanguageSwitch />);
    fireEvent.click(screen.getByTestId('lang-zh'));
    await waitFor(() => expect(i18n.language).toBe('zh-CN'));
    expect(localStorage.getItem('ay_lang')).toBe('zh-CN');
  });
});

const signInAs = (permissions: string[]) => seedStaffMe({ permissions });

describe('RequirePermission', () => {
  it('renders its children for staff holding the permission', () => {
    signInAs(['listings.manage', 'catalog.read']);
    renderInApp(
      <RequirePermission permission="listings.manage" home="/console">
        <p>listings</p>
      </RequirePermission>,
    );
    expect(screen.getByText('listings')).toBeTruthy();
    expect(screen.queryByTestId('forbidden')).toBeNull();
  });

  it('shows the 403 page instead of its children for staff without the permission', () => {
    signInAs(['catalog.read']);
    renderInApp(
      <RequirePermission permission="listings.manage" home="/console">
        <p>listings</p>
      </RequirePermission>,
    );
    expect(screen.queryByText('listings')).toBeNull();
    expect(screen.getByTestId('forbidden').querySelector('a')?.getAttribute('href')).toBe('/console');
  });

  it('renders its children when no permission is required', () => {
    signInAs([]);
    renderInApp(
      <RequirePermission permission={undefined} home="/console">
        <p>home</p>
      </RequirePermission>,
    );
    expect(screen.getByText('home')).toBeTruthy();
  });
});

describe('QueryState', () => {
  it('shows a spinner and not the content while loading', () => {
    const { container } = renderInApp(
      <QueryState isLoading error={null}>
        <p>content</p>
      </QueryState>,
    );
    expect(container.querySelector('.ant-spin')).not.toBeNull();
    expect(screen.queryByText('content')).toBeNull();
  });

  it('shows the error message with a retry button that calls onRetry', () => {
    const onRetry = vi.fn();
    renderInApp(
      <QueryState isLoading={false} error={new ApiError(500, 'INTERNAL', '服务器开小差了')} onRetry={onRetry}>
        <p>content</p>
      </QueryState>,
    );
    const alert = screen.getByTestId('load-error');
    expect(alert.textContent).toContain('服务器开小差了');
    fireEvent.click(screen.getByRole('button', { name: /重\s*试/ }));
    expect(onRetry).toHaveBeenCalledTimes(1);
    expect(screen.queryByText('content')).toBeNull();
  });

  it('shows "not available" instead of an error when the API does not exist (404 NOT_FOUND)', () => {
    renderInApp(
      <QueryState isLoading={false} error={new ApiError(404, 'NOT_FOUND', 'Not found')}>
        <p>content</p>
      </QueryState>,
    );
    expect(screen.getByTestId('not-available').textContent).toContain('该功能的服务尚未上线');
    expect(screen.queryByTestId('load-error')).toBeNull();
  });

  it('shows the empty state with the given text when there is nothing to list', () => {
    renderInApp(
      <QueryState isLoading={false} error={null} isEmpty emptyText="还没有车源">
        <p>content</p>
      </QueryState>,
    );
    expect(screen.getByTestId('empty').textContent).toContain('还没有车源');
    expect(screen.queryByText('content')).toBeNull();
  });

  it('shows the content once loaded without error', () => {
    renderInApp(
      <QueryState isLoading={false} error={null} isEmpty={false}>
        <p>content</p>
      </QueryState>,
    );
    expect(screen.getByText('content')).toBeTruthy();
  });
});

describe('Forbidden and NotFound', () => {
  it('link back to the area home they are given', () => {
    renderInApp(
      <>
        <Forbidden home="/dealer" />
        <NotFound home="/console" />
      </>,
    );
    expect(screen.getByTestId('forbidden').querySelector('a')?.getAttribute('href')).toBe('/dealer');
    expect(screen.getByTestId('not-found').querySelector('a')?.getAttribute('href')).toBe('/console');
  });
});

function typeCredentials(): void {
  fireEvent.change(screen.getByTestId('staff-email'), { target: { value: 'admin@autoyard.cn' } });
  fireEvent.change(screen.getByTestId('staff-password'), { target: { value: 'Autoyard-demo-2026' } });
  fireEvent.click(screen.getByTestId('staff-sign-in-submit'));
}

describe('StaffSignIn', () => {
  it('asks for the TOTP code after a password answer that requires it', async () => {
    const calls = mockApi({
      'POST /identity/auth/sign-in': () => ({ body: { status: 'totp_required', challengeId: 'chl_1' } }),
    });
    const onSignedIn = vi.fn();
    renderInApp(<StaffSignIn area="console" onSignedIn={onSignedIn} />);
    typeCredentials();
    expect(await screen.findByTestId('totp-code')).toBeTruthy();
    expect(screen.getByText('两步验证')).toBeTruthy();
    expect(screen.queryByTestId('staff-password')).toBeNull();
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /identity/auth/sign-in']);
    expect(JSON.parse(String(calls[0]?.body))).toEqual({
      email: 'admin@autoyard.cn',
      password: 'Autoyard-demo-2026',
    });
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('sends the TOTP code with the challenge and finishes signing in', async () => {
    const me = {
      kind: 'staff',
      id: 'stf_1',
      email: 'admin@autoyard.cn',
      displayName: 'Admin',
      roles: ['admin'],
      permissions: [],
      dealerId: null,
      totpEnabled: true,
    };
    const calls = mockApi({
      'POST /identity/auth/sign-in': () => ({ body: { status: 'totp_required', challengeId: 'chl_1' } }),
      'POST /identity/auth/totp/verify': () => ({ body: { status: 'signed_in', me } }),
      'GET /identity/auth/me': () => ({ body: { me, csrfToken: 'csrf' } }),
    });
    const onSignedIn = vi.fn();
    renderInApp(<StaffSignIn area="console" onSignedIn={onSignedIn} />);
    typeCredentials();
    fireEvent.change(await screen.findByTestId('totp-code'), { target: { value: '123456' } });
    fireEvent.click(screen.getByTestId('totp-submit'));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledTimes(1));
    const verify = calls.find((c) => c.path === '/identity/auth/totp/verify');
    expect(JSON.parse(String(verify?.body))).toEqual({ challengeId: 'chl_1', code: '123456' });
  });

  it('shows the server message when the password is wrong and stays on the password step', async () => {
    mockApi({
      'POST /identity/auth/sign-in': () => ({
        status: 401,
        body: { error: { code: 'INVALID_CREDENTIALS', message: '邮箱或密码错误' } },
      }),
    });
    renderInApp(<StaffSignIn area="dealer" onSignedIn={() => {}} />);
    typeCredentials();
    expect((await screen.findByTestId('sign-in-error')).textContent).toContain('邮箱或密码错误');
    expect(screen.getByTestId('staff-password')).toBeTruthy();
    expect(screen.queryByTestId('totp-code')).toBeNull();
  });
});

const unread: NotificationItem = {
  id: 'ntf_1',
  category: 'listing',
  title: '车源已通过审核',
  body: '比亚迪 汉 EV 已上架',
  link: '/console/listings/lst_1',
  readAt: null,
  createdAt: '2026-05-01T02:00:00.000Z',
};
const read: NotificationItem = {
  id: 'ntf_2',
  category: 'welcome',
  title: '欢迎使用 Autoyard',
  body: '这是您的第一条通知',
  link: null,
  readAt: '2026-05-01T03:00:00.000Z',
  createdAt: '2026-04-30T02:00:00.000Z',
};

describe('NotificationCenter', () => {
  it('lists the notifications the API returns, with a link for those that have one', async () => {
    mockApi({ 'GET /platform/notifications': () => ({ body: { items: [unread, read], nextCursor: null } }) });
    renderInApp(<NotificationCenter />);
    const items = await screen.findAllByTestId('notification-item');
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toContain('车源已通过审核');
    expect(items[0]?.querySelector('a')?.getAttribute('href')).toBe('/console/listings/lst_1');
    expect(items[1]?.textContent).toContain('这是您的第一条通知');
    expect(items[1]?.querySelector('a')).toBeNull();
  });

  it('shows the empty text when there are no notifications', async () => {
    mockApi({ 'GET /platform/notifications': () => ({ body: { items: [], nextCursor: null } }) });
    renderInApp(<NotificationCenter />);
    expect(await screen.findByTestId('empty')).toBeTruthy();
    expect(screen.queryAllByTestId('notification-item')).toHaveLength(0);
  });

  it('marks all as read and reloads the list', async () => {
    let readAll = false;
    const calls = mockApi({
      'GET /platform/notifications': () => ({
        body: {
          items: [readAll ? { ...unread, readAt: '2026-05-01T04:00:00.000Z' } : unread],
          nextCursor: null,
        },
      }),
      'POST /platform/notifications/read-all': () => {
        readAll = true;
        return { body: { updated: 1 } };
      },
    });
    renderInApp(<NotificationCenter />);
    await screen.findByTestId('notification-item');
    fireEvent.click(screen.getByTestId('notifications-read-all'));
    await waitFor(() =>
      expect(screen.getByTestId('notifications-read-all').hasAttribute('disabled')).toBe(true),
    );
    expect(calls.filter((c) => c.path === '/platform/notifications')).toHaveLength(2);
  });
});

describe('QrCode', () => {
  it('renders the value as a QR code image of the requested size', async () => {
    renderInApp(
      <QrCode value="otpauth://totp/Autoyard:admin@autoyard.cn?secret=JBSWY3DPEHPK3PXP" size={120} />,
    );
    const img = await screen.findByTestId('totp-qr');
    expect(img.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(img.getAttribute('width')).toBe('120');
  });

  it('renders a different image for a different value', async () => {
    const { rerender } = renderInApp(<QrCode value="otpauth://totp/a?secret=AAAA" />);
    const first = (await screen.findByTestId('totp-qr')).getAttribute('src');
    rerender(<QrCode value="otpauth://totp/b?secret=BBBB" />);
    await waitFor(() => expect(screen.getByTestId('totp-qr').getAttribute('src')).not.toBe(first));
  });
});
