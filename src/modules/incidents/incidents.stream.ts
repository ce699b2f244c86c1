import { PassThrough } from "node:stream";
import { z } from "zod";
import { toIso } from "../../platform/clock.ts";
import { eventsSince, type StoredEvent } from "../../platform/events/index.ts";
import type { AppDeps, ZodApp } from "../../platform/modules.ts";
import { resolveIncidentRef } from "./incidents.repository.ts";

/** How often a stream asks the database for new events: the UI's latency, paid per open stream. */
const pollMs = 500;
/**
 * A stream ends itself after this long and the browser's EventSource reconnects at once, resuming from
 * Last-Event-ID. Below the server's 9 s shutdown grace, so an open page never holds up a draining instance.
 */
const lifetimeMs = 8_000;
/** Events are read from this far before the newest one seen: another instance's clock may lag ours. */
const lookbackMs = 2_000;
const pageSize = 500;

/** The time a UUIDv7 event id was made at, to resume after Last-Event-ID. */
function idTime(id: string): number | null {
  const hex = id.replace(/-/g, "").slice(0, 12);
  return /^[0-9a-f]{12}$/i.test(hex) ? Number.parseInt(hex, 16) : null;
}

const relevant = (e: StoredEvent, incidentId: string | null) =>
  (e.type.startsWith("incident.") || e.type.startsWith("alert.")) &&
  (incidentId === null ||
    e.subject === `incident:${incidentId}` ||
    (Array.isArray(e.payload.incidentIds) && e.payload.incidentIds.includes(incidentId)));

/**
 * `GET /api/v1/incidents/stream`: server-sent events for the incident pages, fed by polling the domain event
 * table, so an event committed by any instance reaches every instance's streams. `?incident=` narrows it
 * to one incident (its own events and its alerts').
 */
export function incidentStreamRoute(app: ZodApp, { db, clock }: AppDeps): void {
  app.get(
    "/api/v1/incidents/stream",
    {
      config: { permission: { role: "viewer" } },
      schema: {
        tags: ["incidents"],
        description:
          "Server-sent events (`incident.*`, `alert.*`); each `data` is the event's JSON. Reconnect with Last-Event-ID.",
        querystring: z.object({ incident: z.string().min(1).max(100).optional() }).strict(),
      },
    },
    async (request, reply) => {
      const incidentId = request.query.incident
        ? ((await resolveIncidentRef(db.read, request.query.incident)) ?? "none")
        : null;
      const last = request.headers["last-event-id"];
      const resumeAt = typeof last === "string" ? idTime(last) : null;
      let cursor = resumeAt ?? clock.now().getTime();
      const seen = new Map<string, number>();
      if (typeof last === "string") seen.set(last, cursor);
      const stream = new PassThrough();
      let polling = false;
      const poll = async () => {
        if (polling) return;
        polling = true;
        try {
          let since = cursor - lookbackMs;
          for (let page = 0; page < 20; page++) {
            const events = await eventsSince(db.read, toIso(new Date(since)), null, pageSize);
            for (const e of events) {
              if (seen.has(e.id)) continue;
              const at = Date.parse(e.at);
              seen.set(e.id, at);
              cursor = Math.max(cursor, at);
              if (relevant(e, incidentId))
                stream.write(`id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
            }
            const lastAt = events.length > 0 ? Date.parse((events.at(-1) as StoredEvent).at) : since;
            if (events.length < pageSize || lastAt <= since) break;
            since = lastAt;
          }
          for (const [id, at] of seen) if (at < cursor - lookbackMs) seen.delete(id);
        } catch (error) {
          request.log.warn({ err: error }, "incident stream: polling failed");
        } finally {
          polling = false;
        }
      };
      const timer = setInterval(() => void poll(), pollMs);
      const end = setTimeout(() => stream.end(), lifetimeMs);
      stream.on("close", () => {
        clearInterval(timer);
        clearTimeout(end);
      });
      reply.raw.on("close", () => stream.destroy());
      stream.write(`retry: 1000\n: opsdeck incident stream\n\n`);
      void poll();
      return reply
        .header("content-type", "text/event-stream; charset=utf-8")
        .header("cache-control", "no-cache")
        .header("x-accel-buffering", "no")
        .send(stream);
    },
  );
}
