import { defineConfig } from 'drizzle-kit';

// One ordered migrations folder for the whole database; every module's tables live in its *.schema.ts.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/**/*.schema.ts',
  out: './src/server/kernel/db/migrations',
});
