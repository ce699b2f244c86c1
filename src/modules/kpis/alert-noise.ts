import { type Kysely, sql } from "kysely";
import type { Tables } from "../../platform/db/tables.ts";
import type { GroupBy, KpiView } from "./kpis.schema.ts";
import { capIds, type KpiGroup, recordIdCap } from "./stats.ts";

/** An alert that re-opened this many times (fired again after resolving) in the period is flapping. */
export const flappingReopens = 3;
const topAlertCount = 10;
const flappingShown = 50;

interface AlertKey {
  integration_id: string;
  fingerprint: string;
  n: number;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Alert occurrences per (integration, fingerprint) created in the range, biggest first: one GROUP BY that
 * the index `alerts(created_at, integration_id, fingerprint)` covers; top and flapping come from it.
 */
async function alertKeys(db: Kysely<Tables>, from: string, to: string): Promise<AlertKey[]> {
  const rows = await db
    .selectFrom("alerts")
    .select((eb) => ["integration_id", "fingerprint", eb.fn.countAll().as("n")])
    .where("created_at", ">=", from)
    .where("created_at", "<", to)
    .groupBy(["integration_id", "fingerprint"])
    .execute();
  return rows
    .map((r) => ({ integration_id: r.integration_id, fingerprint: r.fingerprint, n: Number(r.n) }))
    .sort(
      (a, b) =>
        b.n - a.n || byText(a.integration_id, b.integration_id) || byText(a.fingerprint, b.fingerprint),
    );
}

/**
 * The first `recordIdCap + 1` alert ids (and a title) of each shown key, in one query: a window function
 * numbers each key's alerts, so a key that fired 100,000 times still hands back 201 rows.
 */
async function idsOfKeys(db: Kysely<Tables>, from: string, to: string, keys: AlertKey[]) {
  if (keys.length === 0) return new Map<string, { ids: string[]; title: string }>();
  const inner = db
    .selectFrom("alerts")
    .select([
      "id",
      "title",
      "integration_id",
      "fingerprint",
      sql<number>`row_number() over (partition by integration_id, fingerprint order by created_at, id)`.as(
        "rn",
      ),
    ])
    .where("created_at", ">=", from)
    .where("created_at", "<", to)
    .where((eb) =>
      eb(
        eb.refTuple("integration_id", "fingerprint"),
        "in",
        keys.map((k) => eb.tuple(k.integration_id, k.fingerprint)),
      ),
    );
  const rows = await db
    .selectFrom(inner.as("x"))
    .selectAll()
    .where("rn", "<=", recordIdCap + 1)
    .orderBy("rn")
    .execute();
  const byKey = new Map<string, { ids: string[]; title: string }>();
  for (const r of rows) {
    const key = `${r.integration_id} ${r.fingerprint}`;
    const entry = byKey.get(key) ?? { ids: [], title: r.title };
    entry.ids.push(r.id);
    byKey.set(key, entry);
  }
  return byKey;
}

async function keyGroups(
  db: Kysely<Tables>,
  range: { from: string; to: string },
  keys: AlertKey[],
  value: (k: AlertKey) => number,
): Promise<KpiGroup[]> {
  const ids = await idsOfKeys(db, range.from, range.to, keys);
  const integrations = [...new Set(keys.map((k) => k.integration_id))];
  const names = new Map(
    integrations.length === 0
      ? []
      : (
          await db
            .selectFrom("alert_integrations")
            .select(["id", "name"])
            .where("id", "in", integrations)
            .execute()
        ).map((i) => [i.id, i.name]),
  );
  return keys.map((k) => {
    const found = ids.get(`${k.integration_id} ${k.fingerprint}`) ?? { ids: [], title: "" };
    const source = names.get(k.integration_id) ?? k.integration_id;
    return {
      key: `${source}/${k.fingerprint.slice(0, 12)} ${found.title}`,
      mean: null,
      median: null,
      n: k.n,
      value: value(k),
      ...capIds(found.ids),
    };
  });
}

/**
 * Alerts created in the range that resolved while their incident had no acknowledgement (or had no
 * incident, e.g. silenced): they asked for attention nobody gave. Per service when grouping by service.
 */
async function unacknowledged(
  db: Kysely<Tables>,
  from: string,
  to: string,
  byService: boolean,
): Promise<KpiGroup[]> {
  const notAcked = sql<number>`case when i.acknowledged_at is null or i.acknowledged_at > a.resolved_at then 1 else 0 end`;
  const base = db
    .selectFrom("alerts as a")
    .leftJoin("incidents as i", "i.id", "a.incident_id")
    .where("a.created_at", ">=", from)
    .where("a.created_at", "<", to)
    .where("a.resolved_at", "is not", null);
  const totals = base.select((eb) => [eb.fn.countAll().as("resolved"), eb.fn.sum(notAcked).as("unacked")]);
  // PostgreSQL refuses GROUP BY a constant, so the one-group case has no GROUP BY at all.
  const rows = byService
    ? await totals.select("a.service as key").groupBy("a.service").orderBy("a.service").execute()
    : (await totals.execute()).filter((r) => Number(r.resolved) > 0).map((r) => ({ ...r, key: "all" }));
  const unackedRows = base.where(sql<boolean>`${notAcked} = 1`);
  // One group: the first ids in time order, the scan stopping early. Per service: a window numbers each
  // service's alerts so every service gets its own first ids.
  const ids = byService
    ? await db
        .selectFrom(
          unackedRows
            .select([
              "a.id as id",
              "a.service as key",
              sql<number>`row_number() over (partition by a.service order by a.created_at, a.id)`.as("rn"),
            ])
            .as("x"),
        )
        .select(["id", "key"])
        .where("rn", "<=", recordIdCap + 1)
        .orderBy("rn")
        .execute()
    : (
        await unackedRows
          .select("a.id as id")
          .orderBy("a.created_at")
          .orderBy("a.id")
          .limit(recordIdCap + 1)
          .execute()
      ).map((r) => ({ id: r.id, key: "all" }));
  return rows.map((r) => {
    const resolved = Number(r.resolved);
    const unacked = Number(r.unacked ?? 0);
    return {
      key: String(r.key),
      mean: null,
      median: null,
      n: resolved,
      value: resolved === 0 ? null : Math.round((unacked / resolved) * 10_000) / 10_000,
      ...capIds(ids.filter((i) => i.key === r.key).map((i) => i.id)),
    };
  });
}

export async function alertNoiseKpis(
  db: Kysely<Tables>,
  from: string,
  to: string,
  groupBy: GroupBy,
): Promise<KpiView[]> {
  const base = { recordType: "alert" as const, unavailable: null };
  const keys = await alertKeys(db, from, to);
  const flapping = keys.filter((k) => k.n >= flappingReopens + 1).slice(0, flappingShown);
  return [
    {
      name: "top_alerts",
      definition: `The ${topAlertCount} alerts (integration + fingerprint) that fired most often in [from, to): each firing after a resolution is a new occurrence.`,
      unit: "count",
      ...base,
      groupedBy: "alert",
      groups: await keyGroups(db, { from, to }, keys.slice(0, topAlertCount), (k) => k.n),
    },
    {
      name: "alerts_resolved_without_ack",
      definition:
        "Share (0-1) of the alerts created in [from, to) and resolved whose incident had no acknowledgement when the alert resolved (alerts without an incident, e.g. silenced, count as unacknowledged). n = resolved alerts; recordIds = the unacknowledged ones.",
      unit: "ratio",
      ...base,
      groupedBy: groupBy === "service" ? "service" : "all",
      groups: await unacknowledged(db, from, to, groupBy === "service"),
    },
    {
      name: "flapping_alerts",
      definition: `Flapping alerts: an alert (integration + fingerprint) that re-opened at least ${flappingReopens} times in [from, to), i.e. fired at least ${flappingReopens + 1} times, firing again after resolving. n = occurrences, value = re-openings; at most ${flappingShown} listed.`,
      unit: "count",
      ...base,
      groupedBy: "alert",
      groups: await keyGroups(db, { from, to }, flapping, (k) => k.n - 1),
    },
  ];
}
