import type { Kysely } from "kysely";
import type { Clock } from "../../platform/clock.ts";
import type { Tables } from "../../platform/db/tables.ts";
import type { IncomingAlert } from "./alert.ts";
import { type AlertOutcome, ingestUnits } from "./ingest.core.ts";
import { compileIntegration } from "./routing.ts";

/**
 * Alerts opsdeck raises itself (SLO burn rates, budgets, cost anomalies) enter the same pipeline as the
 * ones it receives, through a named integration: its routing rules, grouping, silences and escalation
 * apply, and dedup by fingerprint makes a re-evaluation that still breaches change nothing.
 * Returns null when no integration has that name, so the caller can say so instead of paging nobody silently.
 */
export async function raiseInternalAlerts(
  trx: Kysely<Tables>,
  clock: Clock,
  integrationName: string,
  alerts: IncomingAlert[],
): Promise<AlertOutcome[] | null> {
  const row = await trx
    .selectFrom("alert_integrations")
    .select(["id", "name", "spec_json"])
    .where("name", "=", integrationName)
    .executeTakeFirst();
  if (!row) return null;
  const [outcomes] = await ingestUnits(trx, clock, [{ integration: compileIntegration(row), alerts }]);
  return outcomes ?? [];
}
