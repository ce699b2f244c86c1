import type { Kysely } from "kysely";
import { type Clock, toIso } from "../clock.ts";
import type { Tables } from "../db/tables.ts";
import { newId } from "../ids.ts";
import { enqueueJob, type JobHandler } from "../jobs/index.ts";
import "./events.tables.ts";

/** Something that happened, e.g. `incident.triggered` about `incident:ID`. */
export interface DomainEvent {
  type: string;
  subject: string;
  payload: Record<string, unknown>;
}

export interface StoredEvent extends DomainEvent {
  id: string;
  at: string;
}

/**
 * A module's reaction to events (the on-call module escalates on `incident.triggered`). It runs as a
 * durable job, so it is retried until it succeeds and must be idempotent; it gets the job's transaction.
 */
export interface EventSubscriber {
  name: string;
  /** Event types, or prefixes ending in `.*` (`alert.*`). */
  types: string[];
  handle(trx: Kysely<Tables>, event: StoredEvent): Promise<void>;
}

export const dispatchJobType = "events.dispatch";

/**
 * The event types the deployment's subscribers take, once the server has declared them
 * (`declareSubscribers`), null before. Most events have no subscriber at all (`alert.*`, published by every
 * intake batch, feeds live views, not a handler): for those a dispatch job would be a job row, a claim and a
 * completion that find nothing to do. A process that declared nothing (a CLI command, a test) dispatches
 * every event, so nothing a subscriber takes can be missed.
 */
let subscribedTypes: string[] | null = null;

/** Declares every subscriber of the deployment, so `publishEvent` skips dispatch jobs nobody would take. */
export function declareSubscribers(subscribers: EventSubscriber[]): void {
  subscribedTypes = subscribers.flatMap((s) => s.types);
}

/**
 * The transactional outbox: the event row and the job that will deliver it commit with the change that
 * caused them, or not at all. No event is lost when a process dies after its commit, and none is
 * published for a change that rolled back.
 */
export async function publishEvent(
  trx: Kysely<Tables>,
  clock: Clock,
  event: DomainEvent,
): Promise<StoredEvent> {
  const now = clock.now();
  const stored: StoredEvent = { ...event, id: newId(now), at: toIso(now) };
  await trx
    .insertInto("domain_events")
    .values({
      id: stored.id,
      type: event.type,
      subject: event.subject,
      payload: JSON.stringify(event.payload),
      at: stored.at,
    })
    .execute();
  if (subscribedTypes === null || matchesType(subscribedTypes, event.type))
    await enqueueJob(trx, clock, {
      type: dispatchJobType,
      payload: { eventId: stored.id },
      key: `dispatch:${stored.id}`,
    });
  return stored;
}

export function matchesType(patterns: string[], type: string): boolean {
  return patterns.some((p) => p === type || (p.endsWith(".*") && type.startsWith(p.slice(0, -1))));
}

async function loadEvent(trx: Kysely<Tables>, id: string): Promise<StoredEvent | undefined> {
  const row = await trx.selectFrom("domain_events").selectAll().where("id", "=", id).executeTakeFirst();
  return (
    row && { id: row.id, type: row.type, subject: row.subject, payload: JSON.parse(row.payload), at: row.at }
  );
}

/**
 * Job handlers: `events.dispatch` fans an event out into one job per interested subscriber (each keyed, so a
 * re-run dispatch adds nothing), and `event.<subscriber>` runs that subscriber. A failing subscriber is
 * retried on its own without holding up the others.
 */
export function eventJobHandlers(subscribers: EventSubscriber[], clock: Clock): Record<string, JobHandler> {
  const handlers: Record<string, JobHandler> = {
    [dispatchJobType]: async (trx, payload) => {
      const { eventId } = payload as { eventId: string };
      const event = await loadEvent(trx, eventId);
      if (!event) return;
      for (const s of subscribers) {
        if (!matchesType(s.types, event.type)) continue;
        await enqueueJob(trx, clock, {
          type: `event.${s.name}`,
          payload: { eventId },
          key: `${s.name}:${eventId}`,
        });
      }
    },
  };
  for (const s of subscribers) {
    handlers[`event.${s.name}`] = async (trx, payload) => {
      const event = await loadEvent(trx, (payload as { eventId: string }).eventId);
      if (event) await s.handle(trx, event);
    };
  }
  return handlers;
}

/** Events after `since` (ISO) for the given subjects (or all), oldest first: the feed of live views. */
export async function eventsSince(
  db: Kysely<Tables>,
  since: string,
  subjects: string[] | null,
  limit = 500,
): Promise<StoredEvent[]> {
  let q = db.selectFrom("domain_events").selectAll().where("at", ">=", since);
  if (subjects) q = q.where("subject", "in", subjects.length > 0 ? subjects : [""]);
  const rows = await q.orderBy("at").orderBy("id").limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    subject: r.subject,
    payload: JSON.parse(r.payload),
    at: r.at,
  }));
}
