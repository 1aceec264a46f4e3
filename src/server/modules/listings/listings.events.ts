import { z } from 'zod';
import { defineEvents } from '../../kernel/events/define.js';
import { LISTING_STATUSES } from './listings.enums.js';

// The wire name predates the module split and stays as it is (outbox rows and delivery jobs carry it).

export const ListingEvents = defineEvents({
  listingChanged: {
    name: 'catalog.listing_changed',
    aggregateType: 'catalog_listing',
    payload: z.object({
      listingId: z.string(),
      status: z.enum(LISTING_STATUSES),
      reason: z
        .string()
        .optional()
        .describe('why it was rejected or taken off sale, when a reason was given'),
    }),
    description:
      'a listing was created or edited, its inspection report replaced, or it changed state (submit, approve, reject, delist, relist)',
  },
});
