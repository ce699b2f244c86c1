import { toIso } from "../../../platform/clock.ts";
import type { Database } from "../../../platform/db/database.ts";
import { newId } from "../../../platform/ids.ts";
import { defaultAlerting, type SloDefinition } from "../model.ts";
import "../slo.tables.ts";

/** A Prometheus-indicator SLO as the core normalizes it, for rule and evaluation tests. */
export function prometheusSlo(overrides: Partial<SloDefinition> = {}): SloDefinition {
  return {
    name: "checkout-availability",
    service: "checkout",
    description: "Checkout requests that do not fail",
    objective: 0.999,
    window: { kind: "rolling", days: 28 },
    budgetingMethod: "Occurrences",
    timesliceTarget: null,
    timesliceMinutes: null,
    indicator: {
      kind: "prometheus",
      bad: 'http_requests_total{job="checkout",code=~"5.."}',
      total: 'http_requests_total{job="checkout"}',
    },
    alerting: defaultAlerting,
    exclusions: [],
    ...overrides,
  };
}

/** Stores an SLO row as `opsdeck apply` leaves it (the Prometheus parts read only `slos`). */
export async function insertSloRow(db: Database, def: SloDefinition, now: Date): Promise<void> {
  await db.write((trx) =>
    trx
      .insertInto("slos")
      .values({
        id: newId(now),
        name: def.name,
        service: def.service,
        source: "opsdeck.dev/v1",
        spec_json: JSON.stringify(def),
        last_pushed_minute: null,
        created_at: toIso(now),
        updated_at: toIso(now),
      })
      .execute(),
  );
}
