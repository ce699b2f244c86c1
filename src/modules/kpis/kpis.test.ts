import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { applyDocuments } from "../../platform/manifests/apply.ts";
import { parseManifestText } from "../../platform/manifests/load.ts";
import { testEngines } from "../../platform/testing/databases.ts";
import type { TestApp } from "../../platform/testing/test-app.ts";
import { manifestRegistry } from "../registry.ts";
import { storeMinuteCounts } from "../slo/index.ts";
import { importCsv, insertAlert, insertPage, startKpiWorld } from "./kpis.fixture.ts";
import type { KpisResponse, KpiView } from "./kpis.schema.ts";

/**
 * A hand-built October 2026 (A-E count; F and G fall outside [2026-10-01, 2026-11-01)):
 *   A SEV1 checkout  ack +60 s   resolved +600 s
 *   B SEV1 checkout  ack +180 s  resolved +1800 s
 *   C SEV2 gateway   ack +300 s  resolved +3600 s
 *   D SEV2 gateway   no ack      resolved +1200 s
 *   E SEV1 checkout  ack +600 s  open
 */
const history = [
  "title,service,severity,triggeredAt,acknowledgedAt,resolvedAt",
  "A,checkout,SEV1,2026-10-01T10:00:00Z,2026-10-01T10:01:00Z,2026-10-01T10:10:00Z",
  "B,checkout,SEV1,2026-10-02T10:00:00Z,2026-10-02T10:03:00Z,2026-10-02T10:30:00Z",
  "C,gateway,SEV2,2026-10-03T10:00:00Z,2026-10-03T10:05:00Z,2026-10-03T11:00:00Z",
  "D,gateway,SEV2,2026-10-04T10:00:00Z,,2026-10-04T10:20:00Z",
  "E,checkout,SEV1,2026-10-05T10:00:00Z,2026-10-05T10:10:00Z,",
  "F,orphan,SEV3,2026-11-01T00:00:00Z,,",
  "G,checkout,SEV2,2026-09-30T23:59:59Z,2026-10-01T00:00:10Z,",
].join("\n");

const october = "from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z";

/** The groups of one KPI as [key, mean, median, n, value], with the titles behind its record ids. */
function table(r: KpisResponse, name: string, titles: Map<string, string>) {
  const kpi = r.kpis.find((k) => k.name === name) as KpiView;
  assert.ok(kpi, `no KPI ${name}`);
  assert.ok(kpi.definition.length > 40, "every KPI states its definition");
  return kpi.groups.map((g) => [
    g.key,
    g.mean,
    g.median,
    g.n,
    g.value,
    g.recordIds
      .map((id) => titles.get(id) ?? id)
      .sort()
      .join(""),
  ]);
}

const results: Record<string, unknown> = {};

for (const engine of testEngines()) {
  describe(`KPIs on ${engine.name}`, () => {
    let t: TestApp;
    const titles = new Map<string, string>();
    const kpis = async (query: string): Promise<KpisResponse> => {
      const res = await t.app.inject({
        method: "GET",
        url: `/api/v1/kpis?${query}`,
        headers: t.as("viewer"),
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json();
    };
    after(() => t?.close());

    it("MTTA and MTTR as mean and median by severity, team and month; counts; out-of-range incidents left out", async () => {
      t = await startKpiWorld(engine);
      assert.equal((await importCsv(t, history)).statusCode, 201);
      for (const r of await t.database.db.read.selectFrom("incidents").select(["id", "title"]).execute())
        titles.set(r.id, r.title);

      const bySeverity = await kpis(`${october}&groupBy=severity`);
      // SEV1 MTTA over A, B, E: (60 + 180 + 600) / 3 = 280, median 180. SEV2: only C acknowledged: 300.
      assert.deepEqual(table(bySeverity, "mtta", titles), [
        ["SEV1", 280, 180, 3, null, "ABE"],
        ["SEV2", 300, 300, 1, null, "C"],
      ]);
      // SEV1 MTTR over A, B (E is open): (600 + 1800) / 2 = 1200. SEV2 over C, D: (3600 + 1200) / 2 = 2400.
      assert.deepEqual(table(bySeverity, "mttr", titles), [
        ["SEV1", 1200, 1200, 2, null, "AB"],
        ["SEV2", 2400, 2400, 2, null, "CD"],
      ]);
      assert.deepEqual(table(bySeverity, "incident_count", titles), [
        ["SEV1", null, null, 3, 3, "ABE"],
        ["SEV2", null, null, 2, 2, "CD"],
      ]);

      const byTeam = await kpis(`${october}&groupBy=team`);
      // checkout is owned by payments (A, B, E), gateway by edge (C, D).
      assert.deepEqual(table(byTeam, "mtta", titles), [
        ["edge", 300, 300, 1, null, "C"],
        ["payments", 280, 180, 3, null, "ABE"],
      ]);
      const byMonth = await kpis(`${october}&groupBy=month`);
      // All of October: MTTA over 60, 180, 300, 600 = 1140 / 4 = 285; median (180 + 300) / 2 = 240.
      assert.deepEqual(table(byMonth, "mtta", titles), [["2026-10", 285, 240, 4, null, "ABCE"]]);
      // MTTR over 600, 1800, 3600, 1200 = 7200 / 4 = 1800; median (1200 + 1800) / 2 = 1500.
      assert.deepEqual(table(byMonth, "mttr", titles), [["2026-10", 1800, 1500, 4, null, "ABCD"]]);
      const byService = await kpis(`from=2026-09-01T00:00:00Z&to=2026-12-01T00:00:00Z&groupBy=service`);
      assert.deepEqual(table(byService, "incident_count", titles), [
        ["checkout", null, null, 4, 4, "ABEG"],
        ["gateway", null, null, 2, 2, "CD"],
        ["orphan", null, null, 1, 1, "F"],
      ]);
      assert.deepEqual(table(byService, "incident_trend", titles), [
        ["2026-09", null, null, 1, 1, "G"],
        ["2026-10", null, null, 5, 5, "ABCDE"],
        ["2026-11", null, null, 1, 1, "F"],
      ]);
      // The trends are by month whatever the grouping, so the dashboard needs no second request for its
      // charts. G (September) was acknowledged after 11 s and is open; F (November) is neither.
      assert.deepEqual(table(byService, "mtta_trend", titles), [
        ["2026-09", 11, 11, 1, null, "G"],
        ["2026-10", 285, 240, 4, null, "ABCE"],
      ]);
      assert.deepEqual(table(byService, "mttr_trend", titles), [["2026-10", 1800, 1500, 4, null, "ABCD"]]);
      results[`${engine.name}:incidents`] = [bySeverity, byTeam, byMonth, byService].map((r) =>
        r.kpis.map((k) => table(r, k.name, titles)),
      );
    });

    it("alert noise: top alerts, share resolved without acknowledgement, flapping", async () => {
      const id = (title: string) => [...titles].find(([, v]) => v === title)?.[0] as string;
      // fp-flap fires 5 times (re-opens 4 times: flapping), fp-two twice, fp-one once.
      for (let i = 0; i < 5; i++)
        await insertAlert(t, {
          fingerprint: "fp-flap",
          createdAt: `2026-10-1${i}T08:00:00.000Z`,
          resolvedAt: `2026-10-1${i}T08:05:00.000Z`,
        });
      // Resolved at 10:02 while A was acknowledged at 10:01: acknowledged. D never was: not.
      await insertAlert(t, {
        fingerprint: "fp-two",
        createdAt: "2026-10-01T10:00:00.000Z",
        resolvedAt: "2026-10-01T10:02:00.000Z",
        incidentId: id("A"),
      });
      await insertAlert(t, {
        fingerprint: "fp-two",
        createdAt: "2026-10-04T10:00:00.000Z",
        resolvedAt: "2026-10-04T10:10:00.000Z",
        incidentId: id("D"),
      });
      await insertAlert(t, { fingerprint: "fp-one", createdAt: "2026-10-20T10:00:00.000Z" });
      await insertAlert(t, {
        fingerprint: "fp-late",
        createdAt: "2026-11-20T10:00:00.000Z",
        resolvedAt: "2026-11-20T10:01:00.000Z",
      });
      const r = await kpis(`${october}&groupBy=severity`);
      const noise = (name: string) =>
        (r.kpis.find((k) => k.name === name) as KpiView).groups.map((g) => [
          g.key.split(" ")[1],
          g.n,
          g.value,
          g.recordIds.length,
        ]);
      assert.deepEqual(noise("top_alerts"), [
        ["Alert", 5, 5, 5],
        ["Alert", 2, 2, 2],
        ["Alert", 1, 1, 1],
      ]);
      assert.match((r.kpis.find((k) => k.name === "top_alerts") as KpiView).groups[0]?.key ?? "", /fp-flap/);
      // 7 resolved alerts in October: 5 fp-flap (no incident) + D's = 6 unacknowledged; 6 / 7 = 0.8571.
      const unacked = (r.kpis.find((k) => k.name === "alerts_resolved_without_ack") as KpiView).groups;
      assert.deepEqual(
        unacked.map((g) => [g.key, g.n, g.value, g.recordIds.length]),
        [["all", 7, 0.8571, 6]],
      );
      // Per service when grouping by service: one more alert, on gateway, resolved with no incident.
      await insertAlert(t, {
        fingerprint: "fp-gw",
        createdAt: "2026-10-21T10:00:00.000Z",
        resolvedAt: "2026-10-21T10:01:00.000Z",
        service: "gateway",
      });
      const perService = await kpis(`${october}&groupBy=service`);
      const unackedByService = (
        perService.kpis.find((k) => k.name === "alerts_resolved_without_ack") as KpiView
      ).groups;
      assert.deepEqual(
        unackedByService.map((g) => [g.key, g.n, g.value, g.recordIds.length]),
        [
          ["checkout", 7, 0.8571, 6],
          ["gateway", 1, 1, 1],
        ],
      );
      const flapping = (r.kpis.find((k) => k.name === "flapping_alerts") as KpiView).groups;
      assert.deepEqual(
        flapping.map((g) => [g.n, g.value]),
        [[5, 4]],
      );
      results[`${engine.name}:noise`] = r.kpis
        .filter((k) => k.recordType === "alert")
        .map((k) => k.groups.map((g) => [g.key, g.n, g.value, g.recordIds.length]));
    });

    it("on-call load in each person's own time zone, across the end of US daylight saving time", async () => {
      // Bob is in New York: EDT (UTC-4) until 2026-11-01 02:00, EST (UTC-5) after.
      await insertPage(t, "bob", "2026-10-30T12:30:00.000Z"); // Fri 08:30 EDT: outside working hours
      await insertPage(t, "bob", "2026-10-30T13:30:00.000Z"); // Fri 09:30 EDT: working hours
      await insertPage(t, "bob", "2026-11-02T13:30:00.000Z"); // Mon 08:30 EST: outside (09:30 if EDT were kept)
      await insertPage(t, "bob", "2026-11-02T14:30:00.000Z"); // Mon 09:30 EST: working hours
      await insertPage(t, "bob", "2026-11-02T02:30:00.000Z"); // Sun 21:30 EST: outside, not night (22:30 in EDT)
      await insertPage(t, "bob", "2026-11-02T03:30:00.000Z"); // Sun 22:30 EST: outside and night
      await insertPage(t, "bob", "2026-11-02T15:30:00.000Z", "failed"); // never reached him: not a page
      // Erin is in Sydney (AEDT, UTC+11).
      await insertPage(t, "erin", "2026-11-03T22:00:00.000Z"); // Wed 09:00 AEDT: working hours (Tue 22:00 in UTC)
      await insertPage(t, "erin", "2026-11-03T12:00:00.000Z"); // Tue 23:00 AEDT: outside and night
      const r = await kpis("from=2026-10-01T00:00:00Z&to=2026-12-01T00:00:00Z");
      const load = (name: string) =>
        (r.kpis.find((k) => k.name === name) as KpiView).groups.map((g) => [g.key, g.n, g.recordIds.length]);
      assert.deepEqual(load("pages_per_person"), [
        ["bob", 6, 6],
        ["erin", 2, 2],
      ]);
      assert.deepEqual(load("pages_outside_working_hours"), [
        ["bob", 4, 4],
        ["erin", 1, 1],
      ]);
      assert.deepEqual(load("pages_at_night"), [
        ["bob", 1, 1],
        ["erin", 1, 1],
      ]);
      results[`${engine.name}:pages`] = [
        "pages_per_person",
        "pages_outside_working_hours",
        "pages_at_night",
      ].map(load);
    });

    it("refuses a bad range with the field named; availability against the SLO; the records of a number", async () => {
      const bad = await t.app.inject({
        method: "GET",
        url: "/api/v1/kpis?from=2026-11-01T00:00:00Z&to=2026-10-01T00:00:00Z",
        headers: t.as("viewer"),
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /to/);
      const junk = await t.app.inject({
        method: "GET",
        url: "/api/v1/kpis?from=yesterday&to=2026-10-01T00:00:00Z&groupBy=colour",
        headers: t.as("viewer"),
      });
      assert.equal(junk.statusCode, 400);
      const r = await kpis(october);
      // Availability: the SLO's SLI over its own 28-day window ending at `to`, against its objective.
      await applyDocuments(
        t.database.db,
        t.system,
        parseManifestText(
          "apiVersion: opsdeck.dev/v1\nkind: SLO\nmetadata: { name: checkout-avail }\nspec: { service: checkout, objective: 0.99, window: { rolling: 28d }, indicator: { events: {} } }\n",
          "slo.yaml",
        ).documents,
        manifestRegistry(),
        { dryRun: false, prune: false },
      );
      // 100 minutes on 10 October, 1000 events each, 5 bad: SLI = 99,500 / 100,000 = 0.995.
      const minutes = Array.from({ length: 100 }, (_, i) => ({
        minute: new Date(Date.parse("2026-10-10T08:00:00Z") + i * 60_000).toISOString(),
        good: 995,
        total: 1000,
      }));
      await t.database.db.write((trx) => storeMinuteCounts(trx, "checkout-avail", minutes));
      const withSlo = await kpis(october);
      const availability = withSlo.kpis.find((k) => k.name === "availability") as KpiView;
      assert.equal(availability.unavailable, null);
      assert.deepEqual(
        availability.groups.map((g) => [g.key, g.value, g.target, g.recordIds]),
        [["checkout/checkout-avail", 0.995, 0.99, ["checkout-avail"]]],
      );
      // The drawer's view of a number's records: the incidents as people name them.
      const sev2 = (r.kpis.find((k) => k.name === "mttr") as KpiView).groups.find((g) => g.key === "SEV2");
      const records = await t.app.inject({
        method: "GET",
        url: `/api/v1/kpis/records/incidents?ids=${sev2?.recordIds.join(",")}`,
        headers: t.as("viewer"),
      });
      assert.deepEqual(
        records.json().items.map((i: { title: string; severity: string }) => `${i.title} ${i.severity}`),
        ["C SEV2", "D SEV2"],
      );
      const anon = await t.app.inject({ method: "GET", url: `/api/v1/kpis?${october}` });
      assert.equal(anon.statusCode, 401);
    });
  });
}

describe("both engines", () => {
  it("give identical KPI results for the same records", { skip: testEngines().length < 2 }, () => {
    for (const part of ["incidents", "noise", "pages"])
      assert.deepEqual(results[`sqlite:${part}`], results[`postgres:${part}`], part);
  });
});
