// What the areas (storefront, console, dealer portal) share: import from here.
export { ApiError, api, isMissingApi, withQuery } from './api.js';
export { AppProviders } from './components/AppProviders.js';
export { LanguageSwitch } from './components/LanguageSwitch.js';
export { NotificationCenter } from './components/NotificationCenter.js';
export { QrCode } from './components/QrCode.js';
export { RequirePermission } from './components/RequirePermission.js';
export { Forbidden, NotFound, PageSpin, QueryState } from './components/Results.js';
export { type MenuEntry, StaffShell, visibleEntries } from './components/StaffShell.js';
export { RecoveryCodes, StaffSignIn } from './components/StaffSignIn.js';
export { formatTime } from './format.js';
export { applyApiError, zodRule } from './forms.js';
export * from './hooks/crm.js';
export * from './hooks/dealers.js';
export * from './hooks/identity.js';
export * from './hooks/platform.js';
export { addTranslations, currentLang, i18n, pickName, setLang, type WebLang } from './i18n.js';
export { queryClient } from './query.js';
