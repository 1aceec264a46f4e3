import { createBrowserRouter } from 'react-router';
import { PageSpin } from './shared/components/Results.js';

/**
 * Three areas, each lazily loaded with its own routes and translations, so the storefront never
 * downloads the console: /console/*, /dealer/* and the storefront for everything else.
 */
export const router = createBrowserRouter([
  {
    path: '/console/*',
    HydrateFallback: PageSpin,
    lazy: async () => ({ Component: (await import('./console/ConsoleApp.js')).ConsoleApp }),
  },
  {
    path: '/dealer/*',
    HydrateFallback: PageSpin,
    lazy: async () => ({ Component: (await import('./dealer/DealerApp.js')).DealerApp }),
  },
  {
    path: '/*',
    HydrateFallback: PageSpin,
    lazy: async () => ({ Component: (await import('./storefront/StorefrontApp.js')).StorefrontApp }),
  },
]);
