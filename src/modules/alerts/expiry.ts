import type { Kysely } from "kysely";
import { type Clock, toIso } from "../../platform/clock.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { enqueueJob, type JobHandler } from "../../platform/jobs/index.ts";
import type { IncomingAlert } from "./alert.ts";
import { type IngestUnit, ingestUnits } from "./ingest.core.ts";
import { compileIntegration } from "./routing.ts";

/**
 * Alerts posted to the Alertmanager API resolve by themselves at their `expires_at` unless posted again,
 * as in Alertmanager: Prometheus re-sends firing alerts with an endsAt a few evaluation intervals ahead,
 * so a Prometheus that stops sending (or dies) does not leave incidents open forever.
 */
export const expireJob = "alerts.expire";

/** Expiries are swept in 15-second buckets: one job per bucket, however many alerts share it. */
const bucketMs = 15_000;
const sweepLimit = 500;

/** Makes sure a sweep job is due at or after each of these instants; the job key makes repeats free. */
export async function scheduleExpiry(trx: Kysely<Tables>, clock: Clock, instants: string[]): Promise<void> {
  const buckets = new Set(instants.map((at) => Math.ceil(Date.parse(at) / bucketMs) * bucketMs));
  for (const bucket of buckets) {
    const due = new Date(bucket);
    await enqueueJob(trx, clock, {
      type: expireJob,
      payload: {},
      dueAt: due,
      key: `alerts-expire:${toIso(due)}`,
    });
  }
}

function expired(fingerprint: string, at: string): IncomingAlert {
  return {
    fingerprint,
    action: "resolved",
    title: "",
    description: "",
    labels: {},
    annotations: {},
    links: [],
    severity: null,
    startsAt: null,
    endsAt: at,
    sourceUrl: null,
    runbookUrl: null,
  };
}

/** The sweep: resolves open alerts whose expiry has passed, through the ingest path (incidents follow). */
export function expiryJobHandlers(clock: Clock): Record<string, JobHandler> {
  return {
    [expireJob]: async (trx) => {
      const now = toIso(clock.now());
      const due = await trx
        .selectFrom("alerts")
        .innerJoin("alert_integrations", "alert_integrations.id", "alerts.integration_id")
        .select([
          "alerts.fingerprint",
          "alerts.expires_at",
          "alert_integrations.id",
          "alert_integrations.name",
          "alert_integrations.spec_json",
        ])
        .where("alerts.open_key", "is not", null)
        .where("alerts.expires_at", "<=", now)
        .orderBy("alerts.expires_at")
        .limit(sweepLimit)
        .execute();
      const units = new Map<string, IngestUnit>();
      for (const row of due) {
        const unit = units.get(row.id) ?? { integration: compileIntegration(row), alerts: [] };
        unit.alerts.push(expired(row.fingerprint, row.expires_at ?? now));
        units.set(row.id, unit);
      }
      if (units.size > 0) await ingestUnits(trx, clock, [...units.values()]);
      // More than one sweep's worth expired at once: the rest goes in a follow-up job right away.
      if (due.length === sweepLimit) await enqueueJob(trx, clock, { type: expireJob, payload: {} });
    },
  };
}
