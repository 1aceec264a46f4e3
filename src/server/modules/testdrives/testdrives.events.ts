import { z } from 'zod';
import { ZTrafficSource } from '../../kernel/attribution.contract.js';
import { defineEvents } from '../../kernel/events/define.js';
import { TESTDRIVE_BOOKING_STATUSES } from './testdrives.enums.js';

/** Events the testdrives module publishes (payloads carry ids; subscribers read what they need). */
export const TestdrivesEvents = defineEvents({
  testdriveBooked: {
    name: 'testdrives.booked',
    aggregateType: 'testdrive',
    payload: z.object({
      testdriveId: z.string(),
      buyerId: z.string(),
      name: z.string(),
      phone: z.string(),
      brandId: z.string(),
      seriesId: z.string(),
      trimId: z.string().nullable(),
      listingId: z.string().nullable(),
      colour: z.string().nullable(),
      dealerId: z.string(),
      storeId: z.string(),
      cityCode: z.string(),
      startsAt: z.string(),
      advisorAccountId: z.string().nullable(),
      source: ZTrafficSource,
      consentToContact: z.boolean(),
    }),
    description: 'a buyer booked a test drive (leads records the contact)',
  },
  testdriveBookingStatusChanged: {
    name: 'testdrives.booking_status_changed',
    aggregateType: 'testdrive',
    payload: z.object({
      testdriveId: z.string(),
      buyerId: z.string(),
      phone: z.string(),
      status: z.enum(TESTDRIVE_BOOKING_STATUSES),
      startsAt: z.string(),
    }),
    description: 'a test drive was rescheduled, checked in, completed, cancelled or missed',
  },
  testdriveFeedbackLeft: {
    name: 'testdrives.feedback_left',
    aggregateType: 'testdrive',
    payload: z.object({
      testdriveId: z.string(),
      buyerId: z.string(),
      /** The survey's 1-5 stars. */
      rating: z.number().int().min(1).max(5),
      wouldBuy: z.boolean(),
    }),
    description:
      'a buyer answered the feedback survey after a completed test drive (analytics counts satisfaction)',
  },
});
