import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { SloDefinition } from "../../src/modules/slo/model.ts";
import { type EvaluationDeps, evaluateSlo } from "../../src/modules/slo/prometheus/evaluation.job.ts";
import { insertSloRow as insertSlo, prometheusSlo } from "../../src/modules/slo/prometheus/rules.fixture.ts";
import { prometheusSlos } from "../../src/modules/slo/prometheus/state.repository.ts";
import { toIso } from "../../src/platform/clock.ts";
import type { Database } from "../../src/platform/db/database.ts";
import { type TestDatabase, testEngines } from "../../src/platform/testing/databases.ts";
import { FakeClock } from "../../src/platform/testing/fake-clock.ts";

export interface EvaluationWorld {
  prometheusUrl: string;
  /** The last sample's timestamp. */
  endMs: number;
  /** Exact events in the history (from the exporter's own numbers), all and 5xx. */
  expectedTotal: number;
  expectedBad: number;
}

async function stored(db: Database, name: string) {
  const days = await db.read
    .selectFrom("slo_days")
    .innerJoin("slos", "slos.id", "slo_days.slo_id")
    .select(["slo_days.good", "slo_days.total", "slo_days.hours_json"])
    .where("slos.name", "=", name)
    .execute();
  const state = await db.read
    .selectFrom("slo_prometheus_state")
    .innerJoin("slos", "slos.id", "slo_prometheus_state.slo_id")
    .selectAll("slo_prometheus_state")
    .where("slos.name", "=", name)
    .executeTakeFirst();
  return {
    good: days.reduce((s, d) => s + Number(d.good), 0),
    total: days.reduce((s, d) => s + Number(d.total), 0),
    state,
  };
}

const shop = (name: string, indicator: SloDefinition["indicator"]) =>
  prometheusSlo({ name, service: "shop", objective: 0.99, indicator });

/** The Prometheus source on each engine: exact minute counts, and recorded problems instead of zeros. */
export function evaluationSuite(world: () => EvaluationWorld): void {
  for (const engine of testEngines()) {
    describe(engine.name, () => {
      let database: TestDatabase | undefined;
      let clock: FakeClock;
      const deps = (config: EvaluationDeps["config"]): EvaluationDeps => ({
        db: (database as TestDatabase).db,
        config,
        clock,
      });
      const rowOf = async (name: string) => {
        const row = (await prometheusSlos((database as TestDatabase).db.read)).find(
          (r) => r.def.name === name,
        );
        assert.ok(row, `no stored SLO ${name}`);
        return row;
      };

      before(async () => {
        database = await engine.create();
        // Three minutes after the last sample: every minute of the history has settled.
        clock = new FakeClock(new Date(world().endMs + 3 * 60_000).toISOString());
        const db = database.db;
        await insertSlo(
          db,
          shop("shop-availability", {
            kind: "prometheus",
            bad: 'shop_requests_total{code=~"5.."}',
            total: "shop_requests_total",
          }),
          clock.now(),
        );
        await insertSlo(
          db,
          shop("shop-success", {
            kind: "prometheus",
            good: 'shop_requests_total{code!~"5.."}',
            total: "shop_requests_total",
          }),
          clock.now(),
        );
        await insertSlo(
          db,
          shop("shop-broken", {
            kind: "prometheus",
            bad: 'shop_requests_total{code=~"5.(("}',
            total: "shop_requests_total",
          }),
          clock.now(),
        );
      });
      after(() => database?.drop());

      it("stores exactly the events the counters grew by, per minute, from bad/total and good/total", async () => {
        const { prometheusUrl, expectedTotal, expectedBad } = world();
        const config = { prometheusUrl, egressAllow: ["127.0.0.1/32"] };
        for (const name of ["shop-availability", "shop-success"]) {
          const minutes = await evaluateSlo(deps(config), await rowOf(name));
          assert.ok(minutes >= 40, `${name}: only ${minutes} minutes stored`);
          const s = await stored((database as TestDatabase).db, name);
          assert.equal(s.total, expectedTotal, `${name}: total events`);
          assert.equal(s.good, expectedTotal - expectedBad, `${name}: good events`);
          assert.equal(s.state?.last_error, null);
          assert.ok(s.state?.evaluated_through, "evaluated_through advanced");
        }
        // Evaluating again changes nothing: every minute up to evaluated_through is done.
        assert.equal(await evaluateSlo(deps(config), await rowOf("shop-availability")), 0);
      });

      it("reads a {{.window}} rate template as rate x 60 per minute: close to, not exactly, the events", async () => {
        const db = (database as TestDatabase).db;
        const indicator = {
          kind: "prometheus" as const,
          good: 'sum(rate(shop_requests_total{code!~"5.."}[{{.window}}]))',
          total: "sum(rate(shop_requests_total[{{.window}}]))",
        };
        await insertSlo(db, shop("shop-template", indicator), clock.now());
        const config = { prometheusUrl: world().prometheusUrl, egressAllow: ["127.0.0.1/32"] };
        const minutes = await evaluateSlo(deps(config), await rowOf("shop-template"));
        const s = await stored(db, "shop-template");
        assert.equal(s.state?.last_error, null);
        assert.ok(minutes >= 40, `only ${minutes} minutes`);
        // rate() over one minute extrapolates each minute from its ~2 samples: within 10% overall.
        const { expectedTotal, expectedBad } = world();
        assert.ok(
          Math.abs(s.total - expectedTotal) / expectedTotal < 0.1,
          `total ${s.total} vs ${expectedTotal}`,
        );
        const good = expectedTotal - expectedBad;
        assert.ok(Math.abs(s.good - good) / good < 0.1, `good ${s.good} vs ${good}`);
        assert.ok(Number.isInteger(s.total) && s.good <= s.total);
      });

      it("names the field of a query Prometheus rejects, and stores nothing for it", async () => {
        const config = { prometheusUrl: world().prometheusUrl, egressAllow: ["127.0.0.1/32"] };
        assert.equal(await evaluateSlo(deps(config), await rowOf("shop-broken")), 0);
        const s = await stored((database as TestDatabase).db, "shop-broken");
        assert.equal(s.state?.last_error_field, "indicator.bad");
        assert.match(s.state?.last_error ?? "", /Prometheus rejected the query: .*(parse|regexp)/i);
        assert.equal(s.total, 0);
      });

      it("reads the Prometheus of the SLO's OpenSLO DataSource when OPSDECK_PROMETHEUS_URL is unset", async () => {
        const db = (database as TestDatabase).db;
        const now = toIso(clock.now());
        await db.write((trx) =>
          trx
            .insertInto("slo_openslo_objects")
            .values({
              kind: "OpenSLODataSource",
              name: "shop-prometheus",
              api_version: "openslo/v1",
              spec_json: JSON.stringify({
                type: "Prometheus",
                connectionDetails: [{ url: world().prometheusUrl }],
              }),
              created_at: now,
              updated_at: now,
            })
            .execute(),
        );
        const indicator = {
          kind: "prometheus" as const,
          bad: 'shop_requests_total{code=~"5.."}',
          total: "shop_requests_total",
          dataSource: "shop-prometheus",
        };
        await insertSlo(db, shop("shop-datasource", indicator), clock.now());
        const config = { prometheusUrl: undefined, egressAllow: ["127.0.0.1/32"] };
        await evaluateSlo(deps(config), await rowOf("shop-datasource"));
        const s = await stored(db, "shop-datasource");
        assert.equal(s.state?.last_error, null);
        assert.equal(s.total, world().expectedTotal);
      });

      it("leaves a gap, not zeros, while Prometheus is unreachable or refused, and catches up later", async () => {
        const db = (database as TestDatabase).db;
        await insertSlo(
          db,
          shop("shop-later", {
            kind: "prometheus",
            bad: 'shop_requests_total{code=~"5.."}',
            total: "shop_requests_total",
          }),
          clock.now(),
        );
        // A closed port: nothing stored, nothing marked as evaluated.
        const down = { prometheusUrl: "http://127.0.0.1:9", egressAllow: ["127.0.0.1/32"] };
        assert.equal(await evaluateSlo(deps(down), await rowOf("shop-later")), 0);
        let s = await stored(db, "shop-later");
        assert.equal(s.total, 0);
        assert.equal(s.state?.evaluated_through, null);
        assert.match(s.state?.last_error ?? "", /Prometheus unavailable/);
        // Loopback without OPSDECK_EGRESS_ALLOW: the egress guard refuses, and says how to allow it.
        const refused = { prometheusUrl: world().prometheusUrl, egressAllow: [] };
        await evaluateSlo(deps(refused), await rowOf("shop-later"));
        s = await stored(db, "shop-later");
        assert.match(s.state?.last_error ?? "", /refused to connect .*loopback.*OPSDECK_EGRESS_ALLOW/);
        assert.equal(s.total, 0);
        // Back: the missed minutes are read and the error is cleared.
        const up = { prometheusUrl: world().prometheusUrl, egressAllow: ["127.0.0.1/32"] };
        await evaluateSlo(deps(up), await rowOf("shop-later"));
        s = await stored(db, "shop-later");
        assert.equal(s.total, world().expectedTotal);
        assert.equal(s.state?.last_error, null);
      });
    });
  }
}
