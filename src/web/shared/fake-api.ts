import { vi } from 'vitest';

// A fake API behind the real api() client, for the web app's tests (nothing in the app imports this file).

/** One recorded API call: method, path under /api/v1 (no query string), query, headers and body. */
export interface ApiCall {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: BodyInit | null | undefined;
}

/** An answer of the fake API: a JSON body (status 200 unless given) or an `{ error }` with its status. */
export type ApiAnswer = { status?: number; body?: unknown };
export type ApiRoutes = Record<string, (call: ApiCall) => ApiAnswer | Promise<ApiAnswer>>;

/**
 * Replaces fetch with a fake API: `routes` maps `'GET /identity/auth/me'` (method, path under /api/v1) to an
 * answer. Any other call answers 404 NOT_FOUND. Returns the calls made, in order.
 */
export function mockApi(routes: ApiRoutes): ApiCall[] {
  const calls: ApiCall[] = [];
  vi.stubGlobal('fetch', async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://autoyard.test');
    const call: ApiCall = {
      method: init.method ?? 'GET',
      path: url.pathname.replace(/^\/api\/v1/, ''),
      query: url.searchParams,
      headers: new Headers(init.headers),
      body: init.body,
    };
    calls.push(call);
    const route = routes[`${call.method} ${call.path}`];
    const answer: ApiAnswer = route
      ? await route(call)
      : { status: 404, body: { error: { code: 'NOT_FOUND', message: 'Not found' } } };
    const status = answer.status ?? 200;
    return new Response(status === 204 ? null : JSON.stringify(answer.body ?? null), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  });
  return calls;
}
