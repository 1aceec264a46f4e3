import { defineConfig } from 'vite';

// One app, three areas (storefront, console, dealer portal) split by lazy routes.
export default defineConfig({
  root: '.',
  publicDir: false,
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      onwarn(warning, warn) {
        // Ant Design's "use client" directives and zod's misplaced @__PURE__ comments are harmless here.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' || warning.code === 'INVALID_ANNOTATION') return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
