// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api } from './api.js';
import { mockApi } from './fake-api.js';
import { i18n } from './i18n.js';

// The one API client: JSON requests and multipart uploads carry the same headers and errors.

afterEach(async () => {
  vi.unstubAllGlobals();
  await i18n.changeLanguage('zh-CN');
  // biome-ignore lint/suspicious/noDocumentCookie: the client reads the CSRF token from this cookie
  document.cookie = 'ay_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
});

describe('api()', () => {
  it('uploads a FormData body as multipart with the CSRF token, language and cookies', async () => {
    // biome-ignore lint/suspicious/noDocumentCookie: the client reads the CSRF token from this cookie
    document.cookie = 'ay_csrf=tok123';
    await i18n.changeLanguage('en');
    const calls = mockApi({ 'POST /catalog/media': () => ({ status: 201, body: { id: 'med_1' } }) });
    const form = new FormData();
    form.append('ownerType', 'trim');
    form.append('file', new Blob(['png'], { type: 'image/png' }), 'front.png');
    const created = await api<{ id: string }>('/catalog/media', { method: 'POST', body: form });
    expect(created).toEqual({ id: 'med_1' });
    const call = calls[0];
    expect(call?.body).toBe(form);
    expect(call?.headers.get('x-csrf-token')).toBe('tok123');
    expect(call?.headers.get('accept-language')).toBe('en');
    // The browser adds multipart/form-data with its boundary; a JSON content type would break the upload.
    expect(call?.headers.get('content-type')).toBeNull();
  });

  it("turns an upload's error answer into an ApiError with the code and details", async () => {
    mockApi({
      'POST /catalog/import/trims': () => ({
        status: 422,
        body: {
          error: { code: 'IMPORT_INVALID', message: '导入文件有错误', details: { errors: [{ row: 2 }] } },
        },
      }),
    });
    const form = new FormData();
    const failure = await api('/catalog/import/trims', {
      method: 'POST',
      query: { dryRun: true },
      body: form,
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 422, code: 'IMPORT_INVALID', message: '导入文件有错误' });
    expect((failure as ApiError).details).toEqual({ errors: [{ row: 2 }] });
  });

  it('sends a JSON body as JSON', async () => {
    const calls = mockApi({ 'POST /catalog/brands': () => ({ body: { id: 'brd_1' } }) });
    await api('/catalog/brands', { method: 'POST', body: { name: '比亚迪' } });
    expect(calls[0]?.headers.get('content-type')).toBe('application/json');
    expect(calls[0]?.body).toBe('{"name":"比亚迪"}');
  });
});
