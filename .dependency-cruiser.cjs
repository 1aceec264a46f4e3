// Import rules checked by `npm test` (npm run check:imports): no cycles, a kernel that depends on no
// module, and modules that reach each other only through their index.ts.

// Server files the web app (src/web) may import, and that may import only each other and zod: Zod
// contracts, enum constants, the visible-text helper, and a few pure files with no imports of their own
// (the inspection scoring the editor runs live, phone and USCC checks used by contract refinements).
const BROWSER_SAFE = [
  '\\.contract\\.ts$',
  '\\.enums\\.ts$',
  // Permission catalogues and the roles they grant to: plain data the contracts and the web may read.
  '\\.permissions\\.ts$',
  '^src/server/kernel/auth/(permissions|roles)\\.ts$',
  '^src/server/kernel/text\\.ts$',
  '^src/server/modules/[^/]+/inspection\\.ts$',
  '^src/server/modules/crm/phone\\.ts$',
  '^src/server/modules/dealers/dealers\\.uscc\\.ts$',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle makes load order matter and hides which side owns what.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'kernel-imports-no-module',
      severity: 'error',
      comment:
        'The kernel is cross-cutting: modules depend on it, never the other way round. Kernel tests may ' +
        'build the whole app (src/server/testing/app.ts) and use modules to exercise kernel behaviour end to end.',
      from: { path: '^src/server/kernel/', pathNot: '\\.test\\.ts$' },
      to: { path: ['^src/server/modules/', '^src/server/(app|main|flows|seed|testing)'] },
    },
    {
      name: 'modules-only-through-index',
      severity: 'error',
      comment:
        "A module is reached only through its index.ts (tests may use another module's *.testing.ts); its " +
        '*.enums.ts are plain shared constants (the energy types, body types) any module and contract may use.',
      from: {
        path: '^src/server/modules/([^/]+)/',
        pathNot: ['\\.test\\.ts$', '\\.testing\\.ts$', '\\.schema\\.ts$'],
      },
      to: {
        path: '^src/server/modules/([^/]+)/',
        pathNot: ['^src/server/modules/$1/', '^src/server/modules/[^/]+/index\\.ts$', '\\.enums\\.ts$'],
      },
    },
    {
      name: 'schemas-reference-only-schemas',
      severity: 'error',
      comment:
        "A table may reference another module's table by foreign key (one database, one migration folder): " +
        "a *.schema.ts may import another module's *.schema.ts and *.enums.ts, nothing else of it.",
      from: { path: '^src/server/modules/([^/]+)/[^/]+\\.schema\\.ts$' },
      to: {
        path: '^src/server/modules/([^/]+)/',
        pathNot: ['^src/server/modules/$1/', '\\.schema\\.ts$', '\\.enums\\.ts$'],
      },
    },
    {
      name: 'tests-only-through-index-or-testing',
      severity: 'error',
      comment:
        'Tests, and the *.testing.ts helpers they share, reach another module through its index.ts or its ' +
        '*.testing.ts helpers (a fixture spanning modules composes theirs).',
      from: { path: '^src/server/modules/([^/]+)/.+\\.(test|testing)\\.ts$' },
      to: {
        path: '^src/server/modules/([^/]+)/',
        pathNot: [
          '^src/server/modules/$1/',
          '^src/server/modules/[^/]+/index\\.ts$',
          '^src/server/modules/[^/]+/[^/]+\\.testing\\.ts$',
        ],
      },
    },
    {
      name: 'web-imports-no-server-code',
      severity: 'error',
      comment: 'The browser bundle may import contracts and shared enums only, never tables or services.',
      from: { path: '^src/web/' },
      to: { path: '^src/server/', pathNot: BROWSER_SAFE },
    },
    {
      name: 'browser-safe-imports-only-browser-safe',
      severity: 'error',
      comment:
        'Contracts, enums and the other files the web app may import reach only zod and each other, so ' +
        'no table definition (drizzle-orm) or server code follows them into the browser bundle.',
      from: { path: BROWSER_SAFE, pathNot: '\\.test\\.ts$' },
      to: { pathNot: [...BROWSER_SAFE, '^node_modules/zod/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
