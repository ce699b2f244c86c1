import type { Kysely } from "kysely";
import pino from "pino";
import { Gauge, type Registry } from "prom-client";
import { addMs, type Clock, toIso } from "../../platform/clock.ts";
import type { Database } from "../../platform/db/database.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { enqueueJob, type JobHandler } from "../../platform/jobs/index.ts";
import { type IngestUnit, ingestUnits } from "../alerts/index.ts";
import { countActive, countOverdue, overdueSteps } from "./state.repository.ts";

/**
 * The escalation auditor (issue 5, item 6): every 30 s a job looks for escalation steps more than 60 s past
 * their due time that have not run, then logs a warning and fires an alert through the normal alert
 * pipeline; `/metrics` shows the count as `opsdeck_escalation_overdue_steps`. The chain of audit jobs runs
 * while escalations are active and is started again by the next escalation, so an idle system has no jobs.
 */

export const auditJobType = "escalation.audit";
export const AUDIT_EVERY_MS = 30_000;
export const OVERDUE_MS = 60_000;

/** The slice of pino the auditor writes to; tests pass their own to read it. */
export interface AuditLog {
  warn(fields: object, message: string): void;
}

/** Enqueues the audit of the next 30 s slot; the slot's key makes every caller in it enqueue one job. */
export async function ensureAudit(trx: Kysely<Tables>, clock: Clock): Promise<void> {
  const now = clock.now().getTime();
  const slot = new Date((Math.floor(now / AUDIT_EVERY_MS) + 1) * AUDIT_EVERY_MS);
  await enqueueJob(trx, clock, {
    type: auditJobType,
    payload: { slot: toIso(slot) },
    dueAt: slot,
    key: `escalation.audit:${toIso(slot)}`,
  });
}

/** Steps pending for more than 60 s at `now`. */
export function overdueCount(db: Kysely<Tables>, now: Date): Promise<number> {
  return countOverdue(db, toIso(addMs(now, -OVERDUE_MS)));
}

/**
 * The alert's source. It has no integration row: opsdeck raises it itself, under service `opsdeck`,
 * where a policy naming that service (or the default policy) pages someone.
 */
const selfCheck: IngestUnit["integration"] = {
  id: "opsdeck:escalation-auditor",
  name: "opsdeck",
  type: "webhook",
  spec: {
    type: "webhook",
    description: "opsdeck's own checks",
    service: "opsdeck",
    severity: "SEV1",
    groupBy: ["alertname"],
    routes: [],
  },
  rules: [],
};

function overdueAlert(action: "firing" | "resolved", count: number, oldest: string | null) {
  return {
    fingerprint: "escalation-steps-overdue",
    action,
    title: "Escalation steps are more than 60 s overdue",
    description:
      action === "firing"
        ? `${count} escalation step(s) have not run although due more than 60 s ago (oldest due ${oldest}). Check that opsdeck's job workers run and reach the database.`
        : "",
    labels: { alertname: "EscalationStepsOverdue" },
    annotations: {},
    links: [],
    severity: null,
    startsAt: null,
    endsAt: null,
    sourceUrl: null,
    runbookUrl: null,
  };
}

export function auditHandler(clock: Clock, log: AuditLog): JobHandler {
  return async (trx) => {
    const now = clock.now();
    const count = await overdueCount(trx, now);
    if (count > 0) {
      const sample = await overdueSteps(trx, toIso(addMs(now, -OVERDUE_MS)), 10);
      const oldest = sample[0]?.due_at ?? null;
      log.warn(
        { overdueSteps: count, oldestDueAt: oldest, steps: sample.map((s) => s.key) },
        "escalation steps are more than 60 s overdue",
      );
      await ingestUnits(trx, clock, [
        { integration: selfCheck, alerts: [overdueAlert("firing", count, oldest)] },
      ]);
    } else {
      // Resolving an alert that is not open changes nothing (the intake answers `ignored`).
      await ingestUnits(trx, clock, [
        { integration: selfCheck, alerts: [overdueAlert("resolved", 0, null)] },
      ]);
    }
    if (count > 0 || (await countActive(trx)) > 0) await ensureAudit(trx, clock);
  };
}

export function defaultAuditLog(level: string): AuditLog {
  return pino({ level, base: { module: "escalation" } });
}

/**
 * Adds `opsdeck_escalation_overdue_steps` to a metrics registry (platform/http/observability.ts calls it):
 * counted at scrape time, so it is right on every instance whether or not that instance ran the audit.
 */
export function registerEscalationMetrics(registry: Registry, deps: { db: Database; clock: Clock }): void {
  new Gauge({
    name: "opsdeck_escalation_overdue_steps",
    help: "Escalation steps not run although due more than 60 s ago",
    registers: [registry],
    async collect() {
      this.set(await overdueCount(deps.db.read, deps.clock.now()));
    },
  });
}
