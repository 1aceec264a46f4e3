// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TInsurer } from '../../shared/hooks/insurance.js';
import { mockApi, renderInApp, seedStaffMe, setupAppTests } from '../../shared/testing.js';
import { InsurersPage } from './InsurersPage.js';

setupAppTests();

const insurer = (
  code: TInsurer['code'],
  nameZh: string,
  status: TInsurer['status'],
  displayOrder: number,
): TInsurer => ({
  code,
  nameZh,
  nameEn: code.toUpperCase(),
  status,
  displayOrder,
  connected: true,
  sandbox: true,
  updatedAt: '2026-11-27T02:00:00.000Z',
});

describe('console insurers', () => {
  it('lists the insurers with status and connection, and activates an inactive one', async () => {
    seedStaffMe({
      roles: ['finance'],
      permissions: ['insurance.insurers.read', 'insurance.insurers.manage'],
    });
    let active = false;
    const calls = mockApi({
      'GET /insurance/insurers': () => ({
        body: {
          items: [
            insurer('picc', '中国人保财险', 'active', 10),
            insurer('chinalife', '国寿财险', active ? 'active' : 'inactive', 40),
          ],
        },
      }),
      'POST /insurance/insurers/chinalife/activate': () => {
        active = true;
        return { body: insurer('chinalife', '国寿财险', 'active', 40) };
      },
    });
    renderInApp(<InsurersPage canManage />, { route: '/console/insurers' });
    await waitFor(() => expect(screen.getByTestId('insurer-row-chinalife').textContent).toContain('停用'));
    expect(screen.getByTestId('insurer-row-picc').textContent).toContain('沙箱');
    fireEvent.click(screen.getByTestId('insurer-activate-chinalife'));
    await waitFor(() => expect(screen.getByTestId('insurer-deactivate-chinalife')).toBeTruthy());
    expect(
      calls.some((c) => c.method === 'POST' && c.path === '/insurance/insurers/chinalife/activate'),
    ).toBe(true);
  });

  it('offers no actions to a reader', async () => {
    seedStaffMe({ permissions: ['insurance.insurers.read'] });
    mockApi({
      'GET /insurance/insurers': () => ({ body: { items: [insurer('picc', '中国人保财险', 'active', 10)] } }),
    });
    renderInApp(<InsurersPage canManage={false} />, { route: '/console/insurers' });
    await screen.findByTestId('insurer-row-picc');
    expect(screen.queryByTestId('insurer-edit-picc')).toBeNull();
  });
});
