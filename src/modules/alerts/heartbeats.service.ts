import type { Kysely } from "kysely";
import { z } from "zod";
import { addMs, type Clock, toIso } from "../../platform/clock.ts";
import type { Database } from "../../platform/db/database.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { NotFoundError } from "../../platform/errors.ts";
import { newId } from "../../platform/ids.ts";
import { enqueueJob, type JobHandler } from "../../platform/jobs/index.ts";
import type { KindHandler } from "../../platform/manifests/kinds.ts";
import { specStore } from "../../platform/manifests/spec-store.ts";
import { entityName } from "../../platform/schema-common.ts";
import type { IncomingAlert } from "./alert.ts";
import { labelSet } from "./formats/limits.ts";
import { ingestUnits } from "./ingest.core.ts";
import { integrationIssues } from "./integrations.service.ts";
import { raiseInternalAlerts } from "./internal.ts";
import type { CompiledIntegration } from "./routing.ts";

/** `kind: Heartbeat`: a ping is expected every `intervalMinutes`; a missed one fires an alert on `integration`. */
export const heartbeatSpec = z
  .object({
    integration: entityName,
    intervalMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
    description: z.string().max(2000).default(""),
    /** Added to the missed-ping alert's labels, for routing rules and silences. */
    labels: labelSet.default({}),
  })
  .strict();
export type HeartbeatSpec = z.output<typeof heartbeatSpec>;

export const heartbeatView = z.object({
  name: z.string(),
  integration: z.string(),
  intervalMinutes: z.number(),
  description: z.string(),
  lastPingAt: z.string().nullable(),
  nextDueAt: z.string(),
  state: z.enum(["up", "missed"]),
});

export const heartbeatCheckJob = "alerts.heartbeat-check";

type Row = NonNullable<Awaited<ReturnType<typeof findHeartbeat>>>;

function findHeartbeat(db: Kysely<Tables>, name: string) {
  return db.selectFrom("heartbeats").selectAll().where("name", "=", name).executeTakeFirst();
}

const dueAt = (r: Row) => addMs(new Date(r.last_ping_at ?? r.created_at), Number(r.interval_seconds) * 1000);

/** One check job per deadline: the key makes a re-run or a second enqueue of it add nothing. */
async function scheduleCheck(trx: Kysely<Tables>, clock: Clock, name: string, due: Date) {
  await enqueueJob(trx, clock, {
    type: heartbeatCheckJob,
    payload: { name, due: toIso(due) },
    dueAt: due,
    key: `heartbeat:${name}:${toIso(due)}`,
  });
}

function missedAlert(r: Row, spec: HeartbeatSpec, lastSeen: string): IncomingAlert {
  return {
    fingerprint: `heartbeat:${r.name}`,
    action: "firing",
    title: `Heartbeat ${r.name} missed`,
    description:
      `No ping since ${lastSeen}; one is expected every ${spec.intervalMinutes} minutes. ${spec.description}`.trim(),
    labels: { alertname: "HeartbeatMissed", heartbeat: r.name, ...spec.labels },
    annotations: {},
    links: [],
    severity: null,
    startsAt: toIso(dueAt(r)),
    endsAt: null,
    sourceUrl: null,
    runbookUrl: null,
  };
}

/** Every put plans the check of the deadline the row now has (its interval may have changed). */
const heartbeats = specStore<HeartbeatSpec, "heartbeats">({
  table: "heartbeats",
  key: "name",
  actionPrefix: "heartbeat",
  entityType: "heartbeat",
  notFound: (name) => `no heartbeat named '${name}'`,
  columns: (spec) => ({ integration: spec.integration, interval_seconds: spec.intervalMinutes * 60 }),
  insertColumns: (now) => ({ id: newId(now), last_ping_at: null, created_at: toIso(now) }),
  async afterPut(trx, ctx, name) {
    const row = (await findHeartbeat(trx, name)) as Row;
    await scheduleCheck(trx, ctx.clock, name, dueAt(row));
  },
});

/** Records a ping, resolves the missed-ping alert if one is open, and schedules the next check. */
export async function pingHeartbeat(
  db: Database,
  clock: Clock,
  name: string,
  integration: CompiledIntegration,
): Promise<string> {
  return db.write(async (trx) => {
    const row = await findHeartbeat(trx, name);
    // A key of another integration learns nothing about this heartbeat's existence.
    if (!row || row.integration !== integration.name)
      throw new NotFoundError(`no heartbeat named '${name}' on this integration`);
    const now = clock.now();
    await trx
      .updateTable("heartbeats")
      .set({ last_ping_at: toIso(now) })
      .where("id", "=", row.id)
      .execute();
    const spec = JSON.parse(row.spec_json) as HeartbeatSpec;
    await ingestUnits(trx, clock, [
      { integration, alerts: [{ ...missedAlert(row, spec, ""), action: "resolved", endsAt: toIso(now) }] },
    ]);
    const next = addMs(now, Number(row.interval_seconds) * 1000);
    await scheduleCheck(trx, clock, name, next);
    return toIso(next);
  });
}

/** The check job: fires the alert when no ping arrived since the deadline it was scheduled for. */
export function heartbeatJobHandlers(clock: Clock): Record<string, JobHandler> {
  return {
    [heartbeatCheckJob]: async (trx, payload) => {
      const { name } = payload as { name: string };
      const row = await findHeartbeat(trx, name);
      if (!row || dueAt(row) > clock.now()) return;
      const spec = JSON.parse(row.spec_json) as HeartbeatSpec;
      // An integration removed since is nothing to page through: the check just ends.
      await raiseInternalAlerts(trx, clock, row.integration, [
        missedAlert(row, spec, row.last_ping_at ?? "it was created"),
      ]);
    },
  };
}

export async function listHeartbeats(db: Database, clock: Clock): Promise<z.output<typeof heartbeatView>[]> {
  const rows = await db.read.selectFrom("heartbeats").selectAll().orderBy("name").execute();
  const now = clock.now();
  return rows.map((r) => {
    const spec = JSON.parse(r.spec_json) as HeartbeatSpec;
    const due = dueAt(r);
    return {
      name: r.name,
      integration: r.integration,
      intervalMinutes: spec.intervalMinutes,
      description: spec.description,
      lastPingAt: r.last_ping_at,
      nextDueAt: toIso(due),
      state: due > now ? "up" : "missed",
    };
  });
}

export const heartbeatKind: KindHandler<HeartbeatSpec> = {
  apiVersion: "opsdeck.dev/v1",
  kind: "Heartbeat",
  order: 61,
  spec: heartbeatSpec as unknown as z.ZodType<HeartbeatSpec>,
  current: heartbeats.all,
  upsert: heartbeats.put,
  remove: heartbeats.remove,
  /** A heartbeat whose integration exists nowhere could never fire: refused before anything is applied. */
  validate: (db, _name, spec, incoming) => integrationIssues(db, spec.integration, incoming),
};
