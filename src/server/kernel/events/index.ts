export {
  type DeliveredEvent,
  dispatchOutboxOnce,
  type EventHandler,
  subscribe,
  subscriberJobName,
  subscribersOf,
} from './dispatcher.js';
export { type DomainEvent, publishEvent } from './outbox.js';
export { type OutboxEventRow, outboxEvents } from './outbox.schema.js';
