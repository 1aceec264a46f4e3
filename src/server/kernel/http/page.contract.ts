import { z } from 'zod';

// The paging shapes every list route shares; plain zod, so contracts (and the browser) may import them.

/** Query params every list route accepts. */
export const ZPageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
export type TPageQuery = z.infer<typeof ZPageQuery>;

export function ZPage<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
