export {
  defineEvents,
  type EventDef,
  type PayloadOf,
  publish,
  type SubscriptionDef,
  subscription,
} from './define.js';
export {
  type DeliveredEvent,
  dispatchOutboxOnce,
  type EventHandler,
  subscribe,
  subscriberJobName,
  subscribersOf,
} from './dispatcher.js';
export { type OutboxEventRow, outboxEvents } from './outbox.schema.js';
