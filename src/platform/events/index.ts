export { eventMigrations } from "./events.migrations.ts";
export {
  type DomainEvent,
  declareSubscribers,
  dispatchJobType,
  type EventSubscriber,
  eventJobHandlers,
  eventsSince,
  matchesType,
  publishEvent,
  type StoredEvent,
} from "./events.ts";
