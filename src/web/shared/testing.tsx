import { cleanup, configure, type RenderResult, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, vi } from 'vitest';
import { AppProviders } from './components/AppProviders.js';
import { identityKeys, type MeResponse, type StaffMe } from './hooks/identity.js';
import { i18n, setLang } from './i18n.js';
import { queryClient } from './query.js';

// Helpers for the web app's component tests (Vitest + Testing Library + happy-dom): the app's own
// providers around the component, and a fake API behind the real api() client. Test-only: nothing in the
// app imports this file, so it never reaches the bundle.

// findBy…/waitFor give up after 1 s by default: too short for Ant Design tables on a busy CI machine.
configure({ asyncUtilTimeout: 10_000 });

export { type ApiAnswer, type ApiCall, type ApiRoutes, mockApi } from './fake-api.js';

/** Renders `ui` inside the app's providers (query client, Ant Design locale and theme) and a router. */
export function renderInApp(ui: ReactElement, { route = '/' }: { route?: string } = {}): RenderResult {
  return render(
    <AppProviders>
      <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
    </AppProviders>,
  );
}

/** Per-file setup: Chinese UI, an empty query cache and the real fetch back after each test. */
export function setupAppTests(): void {
  beforeEach(async () => {
    await i18n.changeLanguage('zh-CN');
  });
  afterEach(() => {
    cleanup();
    queryClient.clear();
    vi.unstubAllGlobals();
    setLang('zh-CN');
    localStorage.clear();
  });
}

/** Puts a signed-in staff member in the query cache (as the app has after `GET /identity/auth/me`). */
export function seedStaffMe(overrides: Partial<StaffMe> = {}): StaffMe {
  const me: StaffMe = {
    kind: 'staff',
    id: 'stf_1',
    email: 'operator@autoyard.cn',
    displayName: '运营',
    roles: ['operator'],
    permissions: [],
    dealerId: null,
    totpEnabled: false,
    ...overrides,
  };
  queryClient.setQueryData<MeResponse>(identityKeys.me(), { me, csrfToken: 'csrf' });
  return me;
}
