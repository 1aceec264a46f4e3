import { z } from 'zod';
import { defineEvents } from '../../kernel/events/define.js';

/** Events of the used-car after-sales and the plate service (payloads carry ids). */
export const AftersalesEvents = defineEvents({
  titleTransferCompleted: {
    name: 'fulfilment.title_transfer_completed',
    aggregateType: 'title_transfer',
    payload: z.object({ transferId: z.string(), orderId: z.string(), completedOn: z.string() }),
    description: 'a used car’s title transfer (过户) was completed: the order may complete',
  },
  reinspectionSettled: {
    name: 'fulfilment.reinspection_settled',
    aggregateType: 'vehicle_reinspection',
    payload: z.object({
      reinspectionId: z.string(),
      orderId: z.string(),
      status: z.string(),
      refundFen: z.number().int().nullable(),
    }),
    description: 'a used car’s handover re-inspection was accepted or its dispute resolved',
  },
});
