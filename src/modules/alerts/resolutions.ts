import type { Kysely } from "kysely";
import { chunks } from "../../platform/db/chunks.ts";
import type { Tables } from "../../platform/db/tables.ts";
import type { RetentionRule } from "../../platform/jobs/index.ts";
import type { AlertResolutionTable } from "./alerts.tables.ts";

/**
 * Resolved occurrences (integration, fingerprint, startsAt), so that a firing re-send of one that already
 * resolved (a retried or delayed notification) is ignored instead of opening it again. Senders retry for
 * minutes, not days: a week of them is kept, which keeps the table small enough to stay in memory.
 */
export const resolutionKeepMs = 7 * 86_400_000;

/** Forgets occurrences whose resolve came in more than a week ago (the platform's hourly retention job). */
export const resolutionRetention: RetentionRule = {
  table: "alert_resolutions",
  at: "recorded_at",
  keepMs: resolutionKeepMs,
  key: ["integration_id", "fingerprint", "starts_at"],
};

/** Remembers resolved occurrences; one already remembered keeps its first resolution. */
export async function recordResolutions(trx: Kysely<Tables>, rows: AlertResolutionTable[]): Promise<void> {
  for (const part of chunks(rows, 500))
    await trx
      .insertInto("alert_resolutions")
      .values(part)
      .onConflict((oc) => oc.doNothing())
      .execute();
}

/** The `integration:fingerprint:startsAt` keys among `wanted` that resolved already. */
export async function resolvedStarts(
  trx: Kysely<Tables>,
  wanted: { integrationId: string; fingerprint: string }[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks(wanted, 500)) {
    const rows = await trx
      .selectFrom("alert_resolutions")
      .select(["integration_id", "fingerprint", "starts_at"])
      .where("integration_id", "in", [...new Set(part.map((w) => w.integrationId))])
      .where("fingerprint", "in", [...new Set(part.map((w) => w.fingerprint))])
      .execute();
    for (const r of rows) found.add(`${r.integration_id}:${r.fingerprint}:${r.starts_at}`);
  }
  return found;
}
