import type { SeedStep } from '../../kernel/module.js';
import { ensureShippedFaqs } from './leads.faq.service.js';

/**
 * Loads the shipped FAQs with the seed. They are content, not demo data: production loads them too, on the
 * first question or console visit (ensureShippedFaqs, idempotent by key), without any seed run.
 */
export const seedShippedFaqs: SeedStep = {
  name: 'leads.faqs',
  async run(ctx) {
    await ensureShippedFaqs(ctx.database.db, ctx.clock.now());
  },
};
