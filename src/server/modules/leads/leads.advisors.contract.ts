import { z } from 'zod';
import { ADVISOR_AVAILABILITIES } from './leads.advisors.enums.js';

export const ZAdvisor = z
  .object({
    accountId: z.string(),
    displayName: z.string(),
    dealerId: z.string().nullable(),
    storeId: z.string().nullable(),
    cityCode: z.string().nullable(),
    brandIds: z.array(z.string()),
    managerAccountId: z.string().nullable(),
    availability: z.enum(ADVISOR_AVAILABILITIES),
    maxConversations: z.number().int(),
    lastAssignedAt: z.string().nullable(),
  })
  .meta({ id: 'LeadAdvisor' });
export type TAdvisor = z.infer<typeof ZAdvisor>;

export const ZAdvisorList = z.object({ items: z.array(ZAdvisor) });

export const ZSetAvailabilityRequest = z.object({ availability: z.enum(ADVISOR_AVAILABILITIES) });
export type TSetAvailabilityRequest = z.infer<typeof ZSetAvailabilityRequest>;

/** Console: make a staff account an advisor, or change where they sell. */
export const ZUpsertAdvisorRequest = z.object({
  displayName: z.string().trim().min(1).max(60),
  dealerId: z.string().min(1).nullable(),
  storeId: z.string().min(1).nullable(),
  cityCode: z
    .string()
    .regex(/^\d{6}$/)
    .nullable(),
  brandIds: z.array(z.string().min(1)).max(50),
  managerAccountId: z.string().min(1).nullable(),
  maxConversations: z.number().int().min(1).max(50),
});
export type TUpsertAdvisorRequest = z.infer<typeof ZUpsertAdvisorRequest>;

export const ZAdvisorIdParams = z.object({ accountId: z.string().min(1) });
