// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { TLead, TLeadDetail } from '../../../server/modules/leads/leads.contract.js';
import { mockApi, renderInApp, seedStaffMe, setupAppTests } from '../testing.js';
import { LeadsRoutes } from './LeadsRoutes.js';

setupAppTests();

const HOUR = 3600_000;
const lead = (over: Partial<TLead>): TLead => ({
  id: 'lea_1',
  phone: '138****8001',
  name: '黄晓明',
  buyerId: null,
  cityCode: '440100',
  status: 'new',
  lostReason: null,
  lostNote: null,
  wonOrderId: null,
  consentToContact: true,
  consentAt: new Date(Date.now() - 30 * HOUR).toISOString(),
  consentSourceKind: 'consultation',
  firstSourceKind: 'consultation',
  firstSource: {
    channel: 'sem',
    utmSource: 'baidu',
    utmMedium: 'cpc',
    utmCampaign: 'aion_s',
    referrer: null,
  },
  lastSourceKind: 'consultation',
  lastContactAt: new Date(Date.now() - 30 * HOUR).toISOString(),
  vehicles: [],
  ownerAccountId: 'stf_1',
  ownerName: '周杰',
  dealerId: 'dlr_t_gz_gac',
  storeId: null,
  slaDueAt: new Date(Date.now() - 6 * HOUR).toISOString(),
  respondedAt: null,
  slaState: 'overdue',
  createdAt: new Date(Date.now() - 30 * HOUR).toISOString(),
  updatedAt: new Date(Date.now() - 30 * HOUR).toISOString(),
  ...over,
});

function app(route: string) {
  return renderInApp(
    <Routes>
      <Route
        path="/console/leads/*"
        element={
          <LeadsRoutes
            basePath="/console/leads"
            permissions={['leads.read', 'leads.manage']}
            dealerId={null}
          />
        }
      />
    </Routes>,
    { route },
  );
}

describe('leads workspace', () => {
  it('shows an overdue lead in red with its timer, and a later one counting down', async () => {
    seedStaffMe({ roles: ['sales_advisor'], permissions: ['leads.read', 'leads.manage'] });
    const calls = mockApi({
      'GET /leads': () => ({
        body: {
          items: [
            lead({}),
            lead({
              id: 'lea_2',
              name: '何静',
              slaDueAt: new Date(Date.now() + 5 * HOUR).toISOString(),
              slaState: 'pending',
            }),
          ],
          nextCursor: null,
        },
      }),
    });
    app('/console/leads');
    const overdue = await screen.findByTestId('sla-overdue');
    expect(overdue.textContent).toMatch(/^超时 [56]h/);
    expect(screen.getByTestId('leads-table').textContent).toMatch(/剩余 [45]h/);
    // Advisors without leads.assign see their own leads.
    expect(calls.find((c) => c.path === '/leads')?.query.get('owner')).toBe('me');
  });

  it('asks for a reason and a note before losing a lead', async () => {
    seedStaffMe({ roles: ['sales_advisor'], permissions: ['leads.read', 'leads.manage'] });
    const detail: TLeadDetail = {
      lead: lead({ phone: '13800138001' }),
      timeline: [
        {
          id: 'lac_1',
          kind: 'consultation',
          sourceKind: 'consultation',
          refId: 'cnv_1',
          body: '想看看埃安S',
          data: {},
          actorAccountId: null,
          at: new Date(Date.now() - 30 * HOUR).toISOString(),
        },
      ],
      tasks: [],
      actions: ['contact', 'test_drive', 'negotiate', 'win', 'lose'],
    };
    const calls = mockApi({
      'GET /leads/lea_1': () => ({ body: detail }),
      'GET /leads/advisors': () => ({ body: { items: [] } }),
      'POST /leads/lea_1/status': () => ({ body: { ...detail, lead: { ...detail.lead, status: 'lost' } } }),
    });
    app('/console/leads/lea_1');
    expect((await screen.findAllByTestId('lead-activity'))[0]?.textContent).toContain('想看看埃安S');
    fireEvent.click(screen.getByTestId('lead-action-lose'));
    const ok = await screen.findByRole('button', { name: /OK|确\s*定/ });
    expect((ok as HTMLButtonElement).disabled).toBe(true);
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.click(screen.getByTestId('lead-action-contact'));
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'POST' && c.path === '/leads/lea_1/status')).toBe(true),
    );
  });
});
