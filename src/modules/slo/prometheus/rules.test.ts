import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { parse } from "yaml";
import { defaultAlerting } from "../model.ts";
import { queryForm } from "./promql.ts";
import { prometheusSlo } from "./rules.fixture.ts";
import { cappedFactor, prometheusIndicatorIssues, renderPrometheusRules } from "./rules.ts";

const run = promisify(execFile);
const promtool = "/usr/bin/promtool";

const checkout = prometheusSlo();
const search = prometheusSlo({
  name: "search-success",
  service: "search",
  objective: 0.9,
  window: { kind: "calendar", unit: "month", timeZone: "Europe/Berlin" },
  indicator: {
    kind: "prometheus",
    good: 'sum(rate(search_requests_total{outcome="ok"}[{{.window}}]))',
    total: "sum(rate(search_requests_total[{{ .window }}]))",
  },
});
const pushed = prometheusSlo({ name: "pushed", indicator: { kind: "events" } });

let dir = "";
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "opsdeck-slo-rules-"));
});
after(() => rm(dir, { recursive: true, force: true }));

/** promtool's verdict on a file; rejects (with its output) when promtool does. */
async function promtoolRun(args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run(promtool, args, { cwd: dir });
    return stdout + stderr;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`promtool ${args.join(" ")} failed:\n${e.stdout}${e.stderr}`);
  }
}

describe("Prometheus rules export", () => {
  it("passes promtool check rules, with the familiar names, for Prometheus SLOs only", async () => {
    const { text } = renderPrometheusRules([pushed, search, checkout]);
    await writeFile(join(dir, "rules.yaml"), text);
    const verdict = await promtoolRun(["check", "rules", "rules.yaml"]);
    assert.match(verdict, /SUCCESS/);
    const groups = (parse(text) as { groups: { name: string; rules: Record<string, unknown>[] }[] }).groups;
    assert.deepEqual(
      groups.map((g) => g.name),
      [
        "slo-checkout-availability-sli-recordings",
        "slo-checkout-availability-meta-recordings",
        "slo-checkout-availability-alerts",
        "slo-search-success-sli-recordings",
        "slo-search-success-meta-recordings",
        "slo-search-success-alerts",
      ],
    );
    const records = groups[0]?.rules.map((r) => r.record);
    for (const w of ["5m", "30m", "1h", "2h", "6h", "1d", "3d", "28d"])
      assert.ok(records?.includes(`slo:sli_error:ratio_rate${w}`), `missing ratio_rate${w}`);
    const meta = groups[1]?.rules ?? [];
    assert.ok(meta.some((r) => r.record === "slo:objective:ratio" && r.expr === "vector(0.999)"));
    assert.ok(meta.some((r) => r.record === "slo:error_budget:ratio"));
    assert.deepEqual(groups[0]?.rules[0]?.labels, { slo: "checkout-availability", service: "checkout" });
    // The template form keeps the user's rate query, with the window substituted.
    const searchSli = groups[3]?.rules.find((r) => r.record === "slo:sli_error:ratio_rate1h");
    assert.equal(
      searchSli?.expr,
      '1 - ((sum(rate(search_requests_total{outcome="ok"}[1h]))) / (sum(rate(search_requests_total[1h]))))',
    );
    assert.ok(!text.includes("pushed"), "an events SLO has no Prometheus rules");
    // Every rule spells its labels out: no YAML anchors and aliases for people to decode.
    assert.doesNotMatch(text, /[&*]a\d/);
  });

  it("pages and tickets as the SRE workbook says (promtool test rules on synthetic series)", async () => {
    await writeFile(join(dir, "rules.yaml"), renderPrometheusRules([checkout, search]).text);
    const annotations = (slo: string, service: string, severity: string, windows: string, pct: string) => ({
      summary: `SLO ${slo} of ${service} is burning its error budget too fast (${severity})`,
      description: `Burn-rate condition met (${windows}); objective ${pct}%.`,
    });
    const page = "1h/5m > 14.4x or 6h/30m > 6x";
    const ticket = "1d/2h > 3x or 3d/6h > 1x";
    const tests = {
      rule_files: ["rules.yaml"],
      evaluation_interval: "1m",
      tests: [
        {
          interval: "1m",
          // checkout: 1000 good requests a minute; from minute 60, 100 failures a minute too (9% errors).
          // search: every request fails from minute 60; at minute 150 even the 1h window holds failures
          // only. At objective 0.9 the page factor 14.4 is capped at 10 (an error ratio of 1), and the
          // capped condition must still fire.
          input_series: [
            { series: 'http_requests_total{job="checkout",code="200"}', values: "0+1000x180" },
            { series: 'http_requests_total{job="checkout",code="500"}', values: "0x60 100+100x120" },
            { series: 'search_requests_total{outcome="ok"}', values: "0+10x60 600x120" },
            { series: 'search_requests_total{outcome="error"}', values: "0x60 10+10x120" },
          ],
          alert_rule_test: [
            { eval_time: "50m", alertname: "SloErrorBudgetBurn", exp_alerts: [] },
            {
              eval_time: "150m",
              alertname: "SloErrorBudgetBurn",
              exp_alerts: [
                {
                  exp_labels: { severity: "page", slo: "checkout-availability", service: "checkout" },
                  exp_annotations: annotations("checkout-availability", "checkout", "page", page, "99.9"),
                },
                {
                  exp_labels: { severity: "ticket", slo: "checkout-availability", service: "checkout" },
                  exp_annotations: annotations("checkout-availability", "checkout", "ticket", ticket, "99.9"),
                },
                {
                  exp_labels: { severity: "page", slo: "search-success", service: "search" },
                  exp_annotations: annotations("search-success", "search", "page", page, "90"),
                },
                {
                  exp_labels: { severity: "ticket", slo: "search-success", service: "search" },
                  exp_annotations: annotations("search-success", "search", "ticket", ticket, "90"),
                },
              ],
            },
          ],
          promql_expr_test: [
            {
              expr: 'slo:objective:ratio{slo="checkout-availability"}',
              eval_time: "1m",
              exp_samples: [
                {
                  labels: 'slo:objective:ratio{slo="checkout-availability",service="checkout"}',
                  value: 0.999,
                },
              ],
            },
          ],
        },
      ],
    };
    await writeFile(join(dir, "rules.test.yaml"), JSON.stringify(tests));
    const verdict = await promtoolRun(["test", "rules", "rules.test.yaml"]);
    assert.match(verdict, /SUCCESS/);
  });

  it("does not page on a window that saw fewer than minEvents events, as opsdeck's evaluation does", async () => {
    // One request a minute, every one failing from minute 60. At minute 400 the page windows (1h, 6h) hold
    // 60 and 360 events, under a guard of 380; the ticket windows (1d, 3d) 400. The ticket fires, not the page.
    const quiet = prometheusSlo({
      name: "quiet-api",
      service: "quiet",
      alerting: { ...defaultAlerting, minEvents: 380 },
      indicator: {
        kind: "prometheus",
        good: 'quiet_requests_total{code="200"}',
        total: "quiet_requests_total",
      },
    });
    const text = renderPrometheusRules([quiet]).text;
    assert.match(text, /record: slo:sli_total:events_1h/);
    await writeFile(join(dir, "quiet.yaml"), text);
    const tests = {
      rule_files: ["quiet.yaml"],
      evaluation_interval: "1m",
      tests: [
        {
          interval: "1m",
          input_series: [
            { series: 'quiet_requests_total{code="200"}', values: "0+1x60 60x340" },
            { series: 'quiet_requests_total{code="500"}', values: "0x60 1+1x340" },
          ],
          alert_rule_test: [
            {
              eval_time: "400m",
              alertname: "SloErrorBudgetBurn",
              exp_alerts: [
                {
                  exp_labels: { severity: "ticket", slo: "quiet-api", service: "quiet" },
                  exp_annotations: {
                    summary: "SLO quiet-api of quiet is burning its error budget too fast (ticket)",
                    description: "Burn-rate condition met (1d/2h > 3x or 3d/6h > 1x); objective 99.9%.",
                  },
                },
              ],
            },
          ],
        },
      ],
    };
    await writeFile(join(dir, "quiet.test.yaml"), JSON.stringify(tests));
    assert.match(await promtoolRun(["test", "rules", "quiet.test.yaml"]), /SUCCESS/);
    const unguarded = renderPrometheusRules([
      prometheusSlo({ ...quiet, alerting: { ...quiet.alerting, minEvents: 0 } }),
    ]).text;
    assert.doesNotMatch(unguarded, /sli_total/);
  });

  it("caps burn factors at 1/(1 - objective)", () => {
    assert.deepEqual(cappedFactor(14.4, 0.9), { factor: 1 / (1 - 0.9), capped: true });
    assert.deepEqual(cappedFactor(6, 0.9), { factor: 6, capped: false });
  });

  it("names the field of a query that is not an event count, and leaves only that SLO out", () => {
    const issues = prometheusIndicatorIssues({
      kind: "prometheus",
      bad: "avg(queue_depth)",
      total: "requests_total",
    });
    assert.equal(issues[0]?.path, "indicator.bad");
    assert.match(issues[0]?.message ?? "", /must be a counter/);
    const broken = prometheusSlo({
      name: "broken",
      indicator: { kind: "prometheus", good: "avg(x)", total: "requests_total" },
    });
    const { text, skipped } = renderPrometheusRules([broken, checkout]);
    assert.deepEqual(
      skipped.map((s) => s.name),
      ["broken"],
    );
    assert.match(skipped[0]?.reason ?? "", /SLO broken: indicator\.good: the PromQL query must be a counter/);
    assert.match(text, /# Left out: SLO broken: indicator\.good/);
    assert.match(text, /slo: checkout-availability/);
  });

  it("reads a counter written as sum(rate(COUNTER[1m])) as that counter, with opsdeck's windows", () => {
    // OpenSLO's own example (ratioMetric, counter: true) sums the counter without a rate.
    assert.deepEqual(queryForm('sum(http_requests{k8s_cluster="prod",component="web"})'), {
      kind: "selector",
      selector: 'http_requests{k8s_cluster="prod",component="web"}',
    });
    assert.deepEqual(queryForm("sum(x_total) by (job)"), { kind: "selector", selector: "x_total" });
    assert.ok("error" in queryForm("sum(a_total) / sum(b_total)"));
    const { text } = renderPrometheusRules([
      prometheusSlo({
        indicator: {
          kind: "prometheus",
          good: 'sum(rate(http_requests_total{code="200"}[1m]))',
          total: "increase(http_requests_total[5m])",
        },
      }),
    ]);
    assert.match(
      text,
      /expr: 1 - \(\(sum\(rate\(http_requests_total\{code="200"\}\[30m\]\)\)\) \/ \(sum\(rate\(http_requests_total\[30m\]\)\)\)\)/,
    );
  });
});
