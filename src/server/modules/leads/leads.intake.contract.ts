import { z } from 'zod';

/** The vehicle a contact is about, as far as it is known (any field may be null). */
export const ZLeadVehicle = z.object({
  listingId: z.string().nullable(),
  seriesId: z.string().nullable(),
  trimId: z.string().nullable(),
  brandId: z.string().nullable(),
  dealerId: z.string().nullable(),
  storeId: z.string().nullable(),
});
export type TLeadVehicle = z.infer<typeof ZLeadVehicle>;
