import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { burnRateWindows, type SloDefinition } from "../../src/modules/slo/model.ts";
import { type PrometheusTarget, rawSamples, type Series } from "../../src/modules/slo/prometheus/client.ts";
import { counterIncrease, sumRate } from "../../src/modules/slo/prometheus/counter-math.ts";
import { durationText } from "../../src/modules/slo/prometheus/promql.ts";
import { prometheusSlo } from "../../src/modules/slo/prometheus/rules.fixture.ts";
import { renderPrometheusRules } from "../../src/modules/slo/prometheus/rules.ts";
import { openDatabase } from "../../src/platform/db/database.ts";
import { runCli, startServer } from "./server.ts";
import { exactIncrease, type HistoryExporter, shopHistory, startHistoryExporter } from "./slo-exporter.ts";
import { evaluationSuite } from "./slo-prometheus-evaluation.ts";
import { type RunningPrometheus, startPrometheus } from "./slo-prometheus-process.ts";

/**
 * The exported rules, run by the real Prometheus, against opsdeck's own reading of the same samples.
 *
 * What is compared, and why it can agree to 1e-9: Prometheus's `rate()` is not "events / window": it
 * takes the samples inside [t - W, t], adds counter resets back, and extrapolates towards the window's
 * edges (by the gap to the edge when it is below 1.1 average sample intervals, else by half an interval,
 * and never below the counter's zero point). opsdeck implements exactly that in counter-math.ts
 * (`sumRate`); the test reads the raw samples Prometheus holds (a range-vector query at the rule's own
 * evaluation timestamp `t`, through opsdeck's client and egress guard) and recomputes every
 * `slo:sli_error:ratio_rate<W>` value the rules recorded at `t`.
 *
 * For that comparison to be fair, the rule evaluation at `t` must have seen exactly the samples we read
 * later. With live scrapes it might not (a sample stamped just before `t` can land after the evaluation),
 * so the exporter serves a fixed 45-minute history with explicit timestamps, one step per scrape (scrapes
 * every 150 ms), and only evaluations that started after Prometheus was seen holding the whole history are
 * compared. The history contains what makes extrapolation matter: a counter reset, a series that appears
 * late, jittered sample spacing and windows (1h and longer) that start before the first sample.
 */

const availability: SloDefinition = prometheusSlo({
  name: "shop-availability",
  service: "shop",
  objective: 0.99,
  indicator: { kind: "prometheus", bad: 'shop_requests_total{code=~"5.."}', total: "shop_requests_total" },
});
const success: SloDefinition = prometheusSlo({
  name: "shop-success",
  service: "shop",
  objective: 0.995,
  window: { kind: "calendar", unit: "month", timeZone: "UTC" },
  indicator: { kind: "prometheus", good: 'shop_requests_total{code!~"5.."}', total: "shop_requests_total" },
});

// Samples come every 30 s (jittered by up to 1.5 s), so a one-minute rate() window holds two of them unless
// they sit on minute boundaries: the history ends at :15 of a minute (15 to 75 s ago), keeping every sample
// well inside its half-minute whatever the wall clock says when the test starts.
const endMs = Math.floor((Date.now() - 30_000) / 60_000) * 60_000 + 15_000;
const history = shopHistory(endMs);
let exporter: HistoryExporter | undefined;
let prometheus: RunningPrometheus | undefined;
let target: PrometheusTarget | undefined;
/** When Prometheus was seen holding every sample of the history. */
let ingestedAt = 0;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

before(async () => {
  exporter = await startHistoryExporter(history);
  const config = [
    "global:",
    "  scrape_interval: 150ms",
    "  scrape_timeout: 150ms",
    "  evaluation_interval: 1s",
    "rule_files: [rules.yaml]",
    "scrape_configs:",
    "  - job_name: shop",
    "    honor_timestamps: true",
    "    static_configs:",
    `      - targets: ["${exporter.target}"]`,
  ].join("\n");
  prometheus = await startPrometheus(config, renderPrometheusRules([availability, success]).text);
  target = { baseUrl: prometheus.baseUrl, policy: { allow: ["127.0.0.1/32"] } };
  const deadline = Date.now() + 30_000;
  for (;;) {
    const series = await rawSamples(target, "shop_requests_total", Date.now(), 3_600_000);
    const complete =
      series.length === 3 &&
      series.every((s) => s.samples.at(-1)?.t === endMs) &&
      exporter.served() === history.length;
    if (complete) break;
    if (Date.now() > deadline)
      throw new Error(`Prometheus did not ingest the history:\n${prometheus.output()}`);
    await sleep(200);
  }
  ingestedAt = Date.now();
  // The evaluation tests compare with the exporter's own numbers: every step must have been ingested.
  const held = await rawSamples(target, 'shop_requests_total{code="200"}', ingestedAt, 3_600_000);
  assert.equal(
    held[0]?.samples.length,
    history.length,
    "Prometheus lost a scrape (is the machine overloaded?)",
  );
});

after(async () => {
  await prometheus?.stop();
  await exporter?.close();
});

type RuleSample = { t: number; v: number };

/** The values a recording rule stored for one SLO in the last `seconds`, with their evaluation times. */
async function recorded(record: string, slo: string, seconds: number): Promise<RuleSample[]> {
  const series = await rawSamples(
    target as PrometheusTarget,
    `${record}{slo="${slo}"}`,
    Date.now(),
    seconds * 1000,
  );
  return series[0]?.samples ?? [];
}

/** opsdeck's error ratio of `def` over `windowMs` at `t`, from raw samples Prometheus holds at `t`. */
async function opsdeckErrorRatio(def: SloDefinition, t: number, windowMs: number): Promise<number | null> {
  if (def.indicator.kind !== "prometheus") throw new Error("not a Prometheus SLO");
  const read = (selector: string): Promise<Series[]> =>
    rawSamples(target as PrometheusTarget, selector, t, windowMs);
  const total = sumRate(await read(def.indicator.total), t, windowMs);
  if (total === null) return null;
  if (def.indicator.bad !== undefined) {
    const bad = sumRate(await read(def.indicator.bad), t, windowMs);
    return bad === null ? null : bad / total;
  }
  const good = sumRate(await read(def.indicator.good ?? ""), t, windowMs);
  return good === null ? null : 1 - good / total;
}

describe("exported rules in a real Prometheus", () => {
  it("records error ratios equal (within 1e-9) to opsdeck's computation over the same samples", {
    timeout: 60_000,
  }, async () => {
    // Let at least three evaluations happen after the whole history was in place.
    let after: RuleSample[] = [];
    for (let i = 0; i < 40 && after.length < 3; i++) {
      await sleep(500);
      after = (await recorded("slo:sli_error:ratio_rate5m", "shop-availability", 30)).filter(
        (s) => s.t > ingestedAt,
      );
    }
    assert.ok(after.length >= 3, `too few rule evaluations after ingestion:\n${prometheus?.output()}`);
    let compared = 0;
    let extrapolationMattered = false;
    for (const def of [availability, success]) {
      for (const [name, minutes] of Object.entries(burnRateWindows)) {
        const record = `slo:sli_error:ratio_rate${durationText(minutes)}`;
        const samples = (await recorded(record, def.name, 30)).filter((s) => s.t > ingestedAt);
        assert.ok(samples.length >= 2, `${def.name} ${record}: no values after ingestion`);
        for (const s of samples.slice(-3)) {
          const ours = await opsdeckErrorRatio(def, s.t, minutes * 60_000);
          assert.ok(ours !== null, `${def.name} ${name}: opsdeck found no samples where Prometheus did`);
          assert.ok(
            Math.abs(ours - s.v) <= 1e-9,
            `${def.name} ${record} at ${s.t}: Prometheus ${s.v}, opsdeck ${ours}`,
          );
          compared++;
        }
      }
    }
    // The comparison means something: the windows disagree with each other, and the plain ratio of
    // counter growth (no extrapolation) disagrees with what Prometheus recorded.
    const at = after.at(-1)?.t ?? 0;
    const ratios = await Promise.all(
      Object.values(burnRateWindows).map((m) => opsdeckErrorRatio(availability, at, m * 60_000)),
    );
    // 5m and 30m see part of the history; 1h and longer see all 45 minutes and so agree with each other.
    assert.ok(
      new Set(ratios.map((r) => r?.toFixed(9))).size >= 3,
      `windows look alike: ${ratios.join(", ")}`,
    );
    for (const minutes of Object.values(burnRateWindows)) {
      const read = (sel: string) => rawSamples(target as PrometheusTarget, sel, at, minutes * 60_000);
      const plain = (series: Series[]) => series.reduce((sum, s) => sum + counterIncrease(s.samples), 0);
      const naive =
        plain(await read('shop_requests_total{code=~"5.."}')) / plain(await read("shop_requests_total"));
      const recordedAt = (await opsdeckErrorRatio(availability, at, minutes * 60_000)) ?? 0;
      if (Math.abs(naive - recordedAt) > 1e-6) extrapolationMattered = true;
    }
    assert.ok(extrapolationMattered, "no window needed extrapolation: the history does not test it");
    assert.ok(compared >= 2 * 7 * 2);

    const objective = await recorded("slo:objective:ratio", "shop-availability", 10);
    assert.equal(objective.at(-1)?.v, 0.99);
    const budget = await recorded("slo:error_budget:ratio", "shop-success", 10);
    assert.equal(budget.at(-1)?.v, 1 - 0.995);
  });
});

describe("the evaluation job against the same Prometheus", () => {
  evaluationSuite(() => ({
    prometheusUrl: (prometheus as RunningPrometheus).baseUrl,
    endMs,
    expectedTotal: exactIncrease(history, () => true),
    expectedBad: exactIncrease(history, (code) => code.startsWith("5")),
  }));
});

describe("a running opsdeck with OPSDECK_PROMETHEUS_URL", () => {
  it("reads a just-applied SLO within seconds, and names the field of a query Prometheus rejects", {
    timeout: 60_000,
  }, async () => {
    const server = await startServer({
      web: false,
      env: {
        OPSDECK_PROMETHEUS_URL: (prometheus as RunningPrometheus).baseUrl,
        OPSDECK_EGRESS_ALLOW: "127.0.0.1/32",
      },
    });
    const dir = await mkdtemp(join(tmpdir(), "opsdeck-slo-apply-"));
    const db = openDatabase(server.databaseUrl);
    try {
      const slo = (name: string, bad: string) =>
        `apiVersion: opsdeck.dev/v1\nkind: SLO\nmetadata: { name: ${name} }\nspec:\n  service: shop\n` +
        `  objective: 0.99\n  window: { rolling: 28d }\n  indicator:\n    prometheus:\n` +
        `      bad: '${bad}'\n      total: shop_requests_total\n`;
      await writeFile(
        join(dir, "slos.yaml"),
        `${slo("shop-live", 'shop_requests_total{code=~"5.."}')}---\n${slo("shop-typo", 'shop_requests_total{code=~"5.(("}')}`,
      );
      await runCli(server, ["apply", "-f", join(dir, "slos.yaml")]);
      // The job due at once reads the history (the minutes of the last hour that have settled).
      const state = (name: string) =>
        db.read
          .selectFrom("slo_prometheus_state")
          .innerJoin("slos", "slos.id", "slo_prometheus_state.slo_id")
          .selectAll("slo_prometheus_state")
          .where("slos.name", "=", name)
          .executeTakeFirst();
      const deadline = Date.now() + 30_000;
      while (!(await state("shop-live"))?.evaluated_through || !(await state("shop-typo"))?.last_error) {
        assert.ok(Date.now() < deadline, `no evaluation within 30 s:\n${server.output()}`);
        await sleep(250);
      }
      assert.equal((await state("shop-live"))?.last_error, null);
      const typo = await state("shop-typo");
      assert.equal(typo?.last_error_field, "indicator.bad");
      assert.match(typo?.last_error ?? "", /Prometheus rejected the query/);
      const listed = JSON.parse(await runCli(server, ["slo", "list", "--json"])) as {
        items: { name: string; sli: number | null }[];
      };
      const live = listed.items.find((i) => i.name === "shop-live");
      assert.ok(
        live?.sli !== null && live?.sli !== undefined && live.sli > 0.5 && live.sli < 1,
        JSON.stringify(live),
      );
    } finally {
      await db.close();
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
