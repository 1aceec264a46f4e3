// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TContractTemplate } from '../../shared/hooks/contracts.js';
import { mockApi, renderInApp, seedStaffMe, setupAppTests } from '../../shared/testing.js';
import { TemplatesPage } from './TemplatesPage.js';

setupAppTests();

const v1: TContractTemplate = {
  id: 'ctpl_default_v1',
  version: 1,
  title: '汽车买卖合同',
  clauses: [
    { heading: '合同当事人', body: '出卖人：{{seller.name}}\n买受人：{{buyer.name}}' },
    { heading: '第三条 {{deposit.kind}}', body: '{{deposit.legalEffect}}\n{{deposit.terms}}' },
  ],
  consentText: '本人已阅读并同意本合同全部条款。',
  depositBindingText: '本款项为定金。',
  depositRefundableText: '本款项为订金。',
  note: null,
  publishedBy: null,
  publishedAt: '2026-01-01T00:00:00.000Z',
  current: true,
};

describe('console contract templates', () => {
  it('lists the versions and publishes the next one on top of the current', async () => {
    seedStaffMe({ roles: ['compliance'], permissions: ['contracts.template.manage'] });
    let published: TContractTemplate | null = null;
    const calls = mockApi({
      'GET /contracts/templates': () => ({
        body: { items: published ? [published, { ...v1, current: false }] : [v1] },
      }),
      'POST /contracts/templates': (call) => {
        const body = JSON.parse(String(call.body));
        published = { ...v1, ...body, id: 'ctpl_2', version: 2, publishedBy: '赵敏', current: true };
        return { status: 201, body: published };
      },
    });
    renderInApp(<TemplatesPage />, { route: '/console/contracts/templates' });
    expect((await screen.findByTestId('template-version-1')).textContent).toContain('当前版本');
    fireEvent.change(screen.getByTestId('template-note'), { target: { value: '增加交付条款' } });
    fireEvent.click(screen.getByTestId('template-publish'));
    await waitFor(() => expect(screen.getByTestId('template-version-2').textContent).toContain('当前版本'));
    const post = calls.find((c) => c.method === 'POST');
    expect(JSON.parse(String(post?.body))).toMatchObject({
      baseVersion: 1,
      title: '汽车买卖合同',
      note: '增加交付条款',
      clauses: v1.clauses,
      consentText: v1.consentText,
    });
    expect(post?.headers.get('idempotency-key')).toBeTruthy();
  });
});
