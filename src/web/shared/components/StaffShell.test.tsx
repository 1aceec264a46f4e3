// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import { Button } from 'antd';
import { describe, expect, it } from 'vitest';
import { mockApi, renderInApp, seedStaffMe, setupAppTests } from '../testing.js';
import { breadcrumbItems, entryForPath, type MenuEntry, StaffShell } from './StaffShell.js';

setupAppTests();

const ENTRIES: MenuEntry[] = [
  { key: 'dashboard', path: '/console', label: '工作台' },
  { key: 'listings', path: '/console/listings', label: '车源管理' },
  { key: 'review', path: '/console/listings/review', label: '车源审核' },
  { key: 'dealers', path: '/console/dealers', label: '经销商与门店' },
];

const text = (items: { title: unknown }[]) =>
  items.map((i) =>
    typeof i.title === 'string' ? i.title : (i.title as { props: { children: string } }).props.children,
  );

describe('StaffShell breadcrumbs', () => {
  it('finds the section by the longest path prefix, segment by segment', () => {
    expect(entryForPath(ENTRIES, '/console/listings/review')?.key).toBe('review');
    expect(entryForPath(ENTRIES, '/console/listings/lst_1')?.key).toBe('listings');
    expect(entryForPath(ENTRIES, '/console/dealersx')?.key).toBe('dashboard');
  });

  it('builds home › section › details from the menu tree', () => {
    expect(text(breadcrumbItems(ENTRIES, '/console', '详情'))).toEqual(['工作台']);
    expect(text(breadcrumbItems(ENTRIES, '/console/dealers', '详情'))).toEqual(['工作台', '经销商与门店']);
    expect(text(breadcrumbItems(ENTRIES, '/console/dealers/dlr_1', '详情'))).toEqual([
      '工作台',
      '经销商与门店',
      '详情',
    ]);
  });

  it('renders the breadcrumbs and a staff name that cannot overflow', async () => {
    const me = seedStaffMe({ displayName: '一个非常非常非常长的员工名字用来测试省略号' });
    mockApi({ 'GET /platform/notifications/unread-count': () => ({ body: { count: 0 } }) });
    renderInApp(
      <StaffShell
        me={me}
        title="Autoyard 运营后台"
        entries={ENTRIES}
        notificationsPath="/console/notifications"
        accountPath="/console/account"
        signInPath="/console/sign-in"
      >
        <p>page</p>
      </StaffShell>,
      { route: '/console/dealers/dlr_1' },
    );
    const crumbs = await screen.findByTestId('breadcrumbs');
    expect(crumbs.textContent).toContain('经销商与门店');
    expect(crumbs.textContent).toContain('详情');
    const name = screen.getByTestId('staff-display-name');
    expect(name.className).toContain('ellipsis');
    expect(name.style.maxWidth).not.toBe('');
  });
});

describe('AppProviders', () => {
  it('does not insert a space between two Chinese characters in buttons', () => {
    renderInApp(<Button data-testid="btn">登录</Button>);
    expect(screen.getByTestId('btn').textContent).toBe('登录');
  });
});
