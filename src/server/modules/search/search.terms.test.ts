import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { catalogModule } from '../catalog/index.js';
import { dealersModule } from '../dealers/index.js';
import { createTestStaff, type TestStaff } from '../identity/index.js';

// Operators teach search words in the console: a new term is understood at once, a bad value is refused,
// a built-in term can be replaced and comes back when the replacement is removed.

let t: TestApp;
let operator: TestStaff;
let marketing: TestStaff;

beforeAll(async () => {
  t = await createTestApp();
  for (const step of [...(dealersModule.seed ?? []), ...(catalogModule.seed ?? [])]) await step.run(t.ctx);
  operator = await createTestStaff(t.ctx, { roles: ['operator'] });
  marketing = await createTestStaff(t.ctx, { roles: ['marketing'] });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const api = (who: TestStaff, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({
    method,
    url: `/api/v1/catalog${url}`,
    headers: who.bearer,
    ...(payload ? { payload } : {}),
  });

async function understood(q: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/catalog/search?q=${encodeURIComponent(q)}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().understood.map((u: { filter: string; value: string }) => `${u.filter}=${u.value}`);
}

describe('/api/v1/catalog/search/terms', () => {
  it('teaches search a word: understood at once, audited, and listed beside the built-in terms', async () => {
    expect(await understood('商务')).toEqual([]);
    const res = await api(operator, 'POST', '/search/terms', {
      term: ' 商务 ',
      filter: 'body',
      value: 'mpv',
    });
    expect(res.statusCode, res.body).toBe(201);
    const term = res.json();
    expect(term).toMatchObject({ term: '商务', filter: 'body', value: 'mpv', builtIn: false, soft: false });
    expect(await understood('商务 7座')).toEqual(['body=mpv', 'seats=7']);
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, term.id), eq(auditLog.action, 'search.term.create')));
    expect(audits).toHaveLength(1);
    const list = (await api(marketing, 'GET', '/search/terms')).json().items as {
      term: string;
      builtIn: boolean;
    }[];
    expect(list.filter((x) => x.term === '商务')).toEqual([expect.objectContaining({ builtIn: false })]);
    expect(list.some((x) => x.term === '二手' && x.builtIn)).toBe(true);

    // The same word for the same filter again: edit that term instead.
    const again = await api(operator, 'POST', '/search/terms', {
      term: '商务',
      filter: 'body',
      value: 'sedan',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('QUERY_TERM_TAKEN');

    const changed = await api(operator, 'PATCH', `/search/terms/${term.id}`, { value: 'mpv,suv' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await understood('商务')).toEqual(['body=mpv,suv']);

    const gone = await api(operator, 'DELETE', `/search/terms/${term.id}`);
    expect(gone.statusCode).toBe(200);
    expect(await understood('商务')).toEqual([]);
    expect((await api(operator, 'DELETE', `/search/terms/${term.id}`)).statusCode).toBe(404);
  });

  it('replaces a built-in term, and the built-in one applies again when the replacement goes', async () => {
    expect(await understood('电车')).toEqual(['energy=bev']);
    const res = await api(operator, 'POST', '/search/terms', {
      term: '电车',
      filter: 'energy',
      value: 'bev,phev',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(await understood('电车')).toEqual(['energy=bev,phev']);
    const list = (await api(operator, 'GET', '/search/terms')).json().items as {
      term: string;
      filter: string;
    }[];
    expect(list.filter((x) => x.term === '电车' && x.filter === 'energy')).toHaveLength(1);
    await api(operator, 'DELETE', `/search/terms/${res.json().id}`);
    expect(await understood('电车')).toEqual(['energy=bev']);
  });

  it.each([
    { term: '飞车', filter: 'body', value: 'spaceship' },
    { term: '大车', filter: 'seats', value: '12' },
    { term: '本地', filter: 'city', value: '999999' },
    { term: '很新', filter: 'age', value: 'two' },
    { term: '随便', filter: 'sort', value: 'popular' },
    { term: '嗯', filter: 'ignore', value: 'x' },
  ])('refuses a value that does not fit its filter: $filter=$value', async (body) => {
    const res = await api(operator, 'POST', '/search/terms', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('QUERY_TERM_VALUE_INVALID');
  });

  it('lets only staff who manage the model database change terms; the try-it box reads a query', async () => {
    const denied = await api(marketing, 'POST', '/search/terms', {
      term: '越野',
      filter: 'body',
      value: 'suv',
    });
    expect(denied.statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/catalog/search/terms' });
    expect(anonymous.statusCode).toBe(401);
    const tried = await api(marketing, 'POST', '/search/understand', { q: '上海 二手宝马 便宜 白色' });
    expect(tried.statusCode, tried.body).toBe(200);
    expect(tried.json()).toEqual({
      understood: [
        { filter: 'city', value: '310100', text: '上海', label: '上海' },
        { filter: 'kind', value: 'used', text: '二手', label: '二手车' },
        { filter: 'brand', value: 'bmw', text: '宝马', label: '宝马' },
        { filter: 'sort', value: 'price_asc', text: '便宜', label: '价格从低到高' },
      ],
      words: ['白色'],
      sort: 'price_asc',
    });
  });
});
