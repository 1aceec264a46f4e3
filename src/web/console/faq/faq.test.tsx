// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, renderInApp, setupAppTests } from '../../shared/testing.js';
import { HelpPage } from '../../storefront/help/HelpPage.js';
import { FaqStatsPage } from './FaqStatsPage.js';

setupAppTests();

const day = (d: string, conversations: number, deflected: number) => ({
  day: d,
  conversations,
  deflected,
  deflectionRate: conversations ? deflected / conversations : null,
  questions: conversations,
  answeredQuestions: deflected,
});

describe('the FAQ deflection page', () => {
  it('shows the rate against the goal and turns an unanswered question into a phrasing in one click', async () => {
    const calls = mockApi({
      'GET /leads/faq/stats': () => ({
        body: {
          from: '2026-03-01T16:00:00.000Z',
          to: '2026-03-10T16:00:00.000Z',
          goal: 0.8,
          threshold: 0.25,
          conversations: 4,
          deflected: 3,
          deflectionRate: 0.75,
          questions: 5,
          answeredQuestions: 4,
          byDay: [day('2026-03-09', 2, 1), day('2026-03-10', 2, 2)],
        },
      }),
      'GET /leads/faq/settings': () => ({ body: { threshold: 0.25, updatedAt: null } }),
      'GET /leads/faq/unanswered': () => ({
        body: {
          items: [
            {
              normalized: '买车能不能送贴膜',
              text: '买车能不能送贴膜？',
              count: 3,
              lastAskedAt: '2026-03-10T02:00:00.000Z',
              bestFaqId: 'faq_1',
              bestFaqQuestion: '现在买车有什么优惠活动？',
              bestConfidence: 0.2,
            },
          ],
        },
      }),
      'POST /leads/faq/faq_1/synonyms': () => ({ body: {} }),
    });
    renderInApp(<FaqStatsPage />, { route: '/console/faq/stats' });
    const page = await screen.findByTestId('faq-stats');
    await waitFor(() => expect(page.textContent).toContain('75%'));
    expect(page.textContent).toContain('目标 80%');
    fireEvent.click(await screen.findByText('加为该问题的问法'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const post = calls.find((c) => c.method === 'POST');
    expect(JSON.parse(String(post?.body))).toEqual({
      synonym: '买车能不能送贴膜？',
      fromQuestion: '买车能不能送贴膜？',
    });
  });
});

describe('the storefront FAQ page', () => {
  it('lists FAQs by category and asks the bot, with suggestions when it is unsure', async () => {
    const calls = mockApi({
      'GET /leads/faq/public': () => ({
        body: {
          items: [
            {
              id: 'faq_1',
              category: 'prices_discounts',
              question: '购置税怎么算？',
              answer: '燃油车为 10%。',
            },
          ],
        },
      }),
      'POST /leads/faq/ask': () => ({
        body: {
          answered: false,
          confidence: 0.1,
          faqId: null,
          question: null,
          answer: null,
          suggestions: [{ faqId: 'faq_2', question: '怎么预约试驾？' }],
          offerHuman: true,
        },
      }),
    });
    renderInApp(<HelpPage />, { route: '/faq' });
    expect(await screen.findByText('购置税怎么算？')).toBeTruthy();
    const input = screen.getByPlaceholderText(/输入您的问题/);
    fireEvent.change(input, { target: { value: '想约个试驾' } });
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
    const answer = await screen.findByTestId('help-answer');
    expect(answer.textContent).toContain('怎么预约试驾？');
    expect(JSON.parse(String(calls.find((c) => c.method === 'POST')?.body))).toEqual({ text: '想约个试驾' });
  });
});
