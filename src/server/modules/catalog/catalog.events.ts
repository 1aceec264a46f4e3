import { z } from 'zod';
import { defineEvents } from '../../kernel/events/define.js';

// Payloads carry ids: a subscriber reads what it needs through this module's index.ts when the event
// reaches it. The wire names predate the module split and stay as they are (outbox rows and delivery
// jobs already carry them).

export const CatalogEvents = defineEvents({
  trimChanged: {
    name: 'catalog.trim_changed',
    aggregateType: 'trim',
    payload: z.object({ trimId: z.string() }),
    description:
      'a trim, its parameter sheet, colours, packages or images changed, or its series or brand was edited (one event per trim)',
  },
});
