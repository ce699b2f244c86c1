import type { Kysely } from "kysely";
import type { Clock } from "../../platform/clock.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { newId } from "../../platform/ids.ts";
import { type IncomingAlert, raiseInternalAlerts } from "../alerts/index.ts";
import { type ConditionResult, cappedFactor, evaluateCondition } from "./math.ts";
import type { BurnRateWindow, SloDefinition } from "./model.ts";
import type { SloRow } from "./slo.repository.ts";

export type AlertSeverity = "page" | "ticket";
const severities: AlertSeverity[] = ["page", "ticket"];

/** The first firing condition of a severity, or null when none fires. */
export function judge(
  def: SloDefinition,
  severity: AlertSeverity,
  rates: Record<BurnRateWindow, number | null>,
  events: Record<BurnRateWindow, number>,
): ConditionResult | null {
  const results = def.alerting[severity].map((c) =>
    evaluateCondition(c, rates, events[c.long as BurnRateWindow] ?? 0, def.objective, def.alerting.minEvents),
  );
  return results.find((r) => r.firing) ?? null;
}

function alertOf(
  slo: SloRow,
  severity: AlertSeverity,
  r: ConditionResult | null,
  firing: boolean,
  at: string,
): IncomingAlert {
  const windows = r ? `${r.condition.long}/${r.condition.short}` : "";
  return {
    // Stable per SLO and severity: a re-evaluation that still burns is a re-send the pipeline dedups.
    fingerprint: `slo:${slo.name}:${severity}`,
    action: firing ? "firing" : "resolved",
    title: `SLO ${slo.name} burns its error budget (${severity})`,
    description: r
      ? `Burn rate ${r.long?.toFixed(2)} over ${r.condition.long} and ${r.short?.toFixed(2)} over ${r.condition.short} (threshold ${cappedFactor(r.condition.factor, slo.def.objective)}, windows ${windows}); objective ${slo.def.objective}.`
      : `SLO ${slo.name} stopped burning.`,
    labels: { alertname: "SloBurnRate", slo: slo.name, service: slo.service, severity },
    annotations: {},
    links: [],
    severity: severity === "page" ? "SEV2" : "SEV3",
    startsAt: at,
    endsAt: firing ? null : at,
    sourceUrl: null,
    runbookUrl: null,
  };
}

/**
 * Applies one evaluation of one SLO: fires or re-sends while a condition burns, resolves when none does,
 * keeps a history row per transition. Without an integration (or with one that does not exist) the
 * history still records it, with a note, and nothing is thrown: this runs in the evaluation job.
 */
export async function applyBurnState(
  trx: Kysely<Tables>,
  clock: Clock,
  slo: SloRow,
  rates: Record<BurnRateWindow, number | null>,
  events: Record<BurnRateWindow, number>,
): Promise<void> {
  const at = clock.now().toISOString();
  for (const severity of severities) {
    const since = severity === "page" ? slo.pageSince : slo.ticketSince;
    const result = judge(slo.def, severity, rates, events);
    const firing = result !== null;
    if (!firing && !since) continue;
    const integration = slo.def.alerting.integration;
    let alertId: string | null = null;
    let note: string | null = integration ? null : "no alerting.integration: kept in history only";
    if (integration) {
      const outcomes = await raiseInternalAlerts(trx, clock, integration, [
        alertOf(slo, severity, result, firing, at),
      ]);
      if (outcomes === null) note = `no integration named '${integration}'`;
      else alertId = outcomes[0]?.alertId ?? null;
    }
    if (firing && since) continue; // still burning: the re-send above deduplicated, nothing new to record
    await trx
      .updateTable("slos")
      .set(severity === "page" ? { page_since: firing ? at : null } : { ticket_since: firing ? at : null })
      .where("id", "=", slo.id)
      .execute();
    const last = firing ? result : lastCondition(slo.def, severity, rates);
    await trx
      .insertInto("slo_alerts")
      .values({
        id: newId(clock.now()),
        slo_id: slo.id,
        at,
        severity,
        state: firing ? "firing" : "resolved",
        burn_long: last?.long ?? 0,
        burn_short: last?.short ?? 0,
        windows_json: JSON.stringify(last ? [last.condition.long, last.condition.short] : []),
        alert_id: alertId,
        note,
      })
      .execute();
  }
}

/** For a resolve: the severity's first condition and its current rates. */
function lastCondition(
  def: SloDefinition,
  severity: AlertSeverity,
  rates: Record<BurnRateWindow, number | null>,
) {
  const c = def.alerting[severity][0];
  if (!c) return null;
  return {
    condition: c,
    long: rates[c.long as BurnRateWindow] ?? null,
    short: rates[c.short as BurnRateWindow] ?? null,
  };
}
