import { stringify } from "yaml";
import type { FieldIssue } from "../../../platform/errors.ts";
import { InputError } from "../../../platform/errors.ts";
import { type BurnRateCondition, burnRateWindows, type SloDefinition, type SloIndicator } from "../model.ts";
import { durationText, type QueryForm, queryForm, rateOver } from "./promql.ts";

/**
 * `opsdeck slo rules --format prometheus`: recording and alerting rules for every SLO whose indicator is
 * Prometheus, with the names Sloth and the SRE workbook made familiar, so existing dashboards and
 * Alertmanager routes keep working. Pure: definitions in, a rule file out.
 */

export interface RecordingRule {
  record: string;
  expr: string;
  labels: Record<string, string>;
}
export interface AlertingRule {
  alert: string;
  expr: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}
export interface RuleGroup {
  name: string;
  rules: (RecordingRule | AlertingRule)[];
}

type PrometheusIndicator = Extract<SloIndicator, { kind: "prometheus" }>;

/** The alert every burn condition raises; `severity` (page/ticket) and `slo` tell them apart. */
export const burnAlertName = "SloErrorBudgetBurn";

/** Problems with a Prometheus indicator's queries, each naming its field (for apply-time validation). */
export function prometheusIndicatorIssues(
  indicator: PrometheusIndicator,
  prefix = "indicator",
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const check = (field: "good" | "bad" | "total", query: string | undefined) => {
    if (query === undefined) return;
    const form = queryForm(query);
    if ("error" in form)
      issues.push({ path: `${prefix}.${field}`, message: `the PromQL query ${form.error}` });
  };
  check("good", indicator.good);
  check("bad", indicator.bad);
  check("total", indicator.total);
  if ((indicator.good === undefined) === (indicator.bad === undefined))
    issues.push({ path: `${prefix}.good`, message: "give exactly one of good or bad, beside total" });
  return issues;
}

function formOrThrow(slo: string, field: string, query: string): QueryForm {
  const form = queryForm(query);
  if ("error" in form)
    throw new InputError(`SLO ${slo}: indicator.${field}: the PromQL query ${form.error}`, [
      { path: `${slo}.indicator.${field}`, message: `the PromQL query ${form.error}` },
    ]);
  return form;
}

/** A PromQL string literal; SLO and service names are plain, but quoting stays correct for any text. */
const literal = (text: string) => JSON.stringify(text);

/** The error ratio (bad / total) of `indicator` over `window`, in PromQL. */
export function errorRatioExpr(slo: string, indicator: PrometheusIndicator, window: string): string {
  const total = rateOver(formOrThrow(slo, "total", indicator.total), window);
  if (indicator.bad !== undefined)
    return `(${rateOver(formOrThrow(slo, "bad", indicator.bad), window)}) / (${total})`;
  const good = rateOver(formOrThrow(slo, "good", indicator.good ?? ""), window);
  return `1 - ((${good}) / (${total}))`;
}

/** Burn factors above 1/(1 - objective) would need an error ratio above 1: cap them there. */
export function cappedFactor(factor: number, objective: number): { factor: number; capped: boolean } {
  const max = 1 / (1 - objective);
  return factor > max ? { factor: max, capped: true } : { factor, capped: false };
}

function windowName(name: string): string {
  const minutes = burnRateWindows[name as keyof typeof burnRateWindows];
  if (minutes === undefined) throw new Error(`unknown burn-rate window ${name}`);
  return durationText(minutes);
}

/** The recording rule of the number of events over a window: what the low-traffic guard compares. */
const eventsRecord = (window: string) => `slo:sli_total:events_${windowName(window)}`;

function conditionExpr(def: SloDefinition, selector: string, c: BurnRateCondition): string {
  const { factor, capped } = cappedFactor(c.factor, def.objective);
  // Capped, the threshold is an error ratio of exactly 1 (written so, not as a float product that may
  // round above 1), and `>=` keeps the condition able to fire when everything fails.
  const test = capped ? ">= 1" : `> (${factor} * (1 - ${def.objective}))`;
  const side = (w: string) => `slo:sli_error:ratio_rate${windowName(w)}${selector} ${test}`;
  // As opsdeck's own evaluation: no page on a long window that saw fewer than minEvents events.
  const guard =
    def.alerting.minEvents > 0 ? ` and ${eventsRecord(c.long)}${selector} >= ${def.alerting.minEvents}` : "";
  return `(${side(c.long)} and ${side(c.short)}${guard})`;
}

/** Events over each long window the alert conditions use, when the SLO has a low-traffic guard. */
function eventRecordings(
  def: SloDefinition & { indicator: PrometheusIndicator },
  labels: Record<string, string>,
): RecordingRule[] {
  if (def.alerting.minEvents <= 0) return [];
  const longs = [...new Set([...def.alerting.page, ...def.alerting.ticket].map((c) => c.long))];
  return longs.map((w) => {
    const minutes = burnRateWindows[w as keyof typeof burnRateWindows] ?? 0;
    const total = rateOver(formOrThrow(def.name, "total", def.indicator.total), windowName(w));
    return { record: eventsRecord(w), expr: `(${total}) * ${minutes * 60}`, labels };
  });
}

function alertRule(def: SloDefinition, selector: string, severity: "page" | "ticket"): AlertingRule | null {
  const conditions = def.alerting[severity];
  if (conditions.length === 0) return null;
  const windows = conditions.map((c) => `${c.long}/${c.short} > ${c.factor}x`).join(" or ");
  return {
    alert: burnAlertName,
    expr: conditions.map((c) => conditionExpr(def, selector, c)).join(" or "),
    labels: { severity, slo: def.name, service: def.service },
    annotations: {
      summary: `SLO ${def.name} of ${def.service} is burning its error budget too fast (${severity})`,
      description: `Burn-rate condition met (${windows}); objective ${def.objective * 100}%.`,
    },
  };
}

/** The recording and alerting rule groups of one Prometheus-indicator SLO. */
export function sloRuleGroups(def: SloDefinition & { indicator: PrometheusIndicator }): RuleGroup[] {
  const labels = { slo: def.name, service: def.service };
  const selector = `{slo=${literal(def.name)}}`;
  const sli: RecordingRule[] = Object.values(burnRateWindows).map((minutes) => ({
    record: `slo:sli_error:ratio_rate${durationText(minutes)}`,
    expr: errorRatioExpr(def.name, def.indicator, durationText(minutes)),
    labels,
  }));
  sli.push(...eventRecordings(def, labels));
  const meta: RecordingRule[] = [
    { record: "slo:objective:ratio", expr: `vector(${def.objective})`, labels },
    { record: "slo:error_budget:ratio", expr: `vector(1 - ${def.objective})`, labels },
    {
      record: "slo:current_burn_rate:ratio",
      expr: `slo:sli_error:ratio_rate5m${selector} / on(slo, service) slo:error_budget:ratio${selector}`,
      labels,
    },
  ];
  if (def.window.kind === "rolling") {
    // As Sloth does: the period's error ratio is the mean of the 5m ratios (one series, cheap to keep).
    const period = `${def.window.days}d`;
    const periodRecord = `slo:sli_error:ratio_rate${period}`;
    if (!sli.some((r) => r.record === periodRecord))
      sli.push({
        record: periodRecord,
        expr: `sum_over_time(slo:sli_error:ratio_rate5m${selector}[${period}]) / count_over_time(slo:sli_error:ratio_rate5m${selector}[${period}])`,
        labels,
      });
    meta.push(
      { record: "slo:time_period:days", expr: `vector(${def.window.days})`, labels },
      {
        record: "slo:period_burn_rate:ratio",
        expr: `${periodRecord}${selector} / on(slo, service) slo:error_budget:ratio${selector}`,
        labels,
      },
      {
        record: "slo:period_error_budget_remaining:ratio",
        expr: `1 - slo:period_burn_rate:ratio${selector}`,
        labels,
      },
    );
  }
  const alerts = [alertRule(def, selector, "page"), alertRule(def, selector, "ticket")].filter(
    (r): r is AlertingRule => r !== null,
  );
  const groups: RuleGroup[] = [
    { name: `slo-${def.name}-sli-recordings`, rules: sli },
    { name: `slo-${def.name}-meta-recordings`, rules: meta },
  ];
  if (alerts.length > 0) groups.push({ name: `slo-${def.name}-alerts`, rules: alerts });
  return groups;
}

const isPrometheus = (d: SloDefinition): d is SloDefinition & { indicator: PrometheusIndicator } =>
  d.indicator.kind === "prometheus";

export interface RenderedRules {
  text: string;
  /** SLOs left out because a query has no meaning as an event count, with the reason naming the field. */
  skipped: { name: string; reason: string }[];
}

/**
 * The rule file (Prometheus `rule_files` YAML) for every Prometheus-indicator SLO, sorted by name. One SLO
 * with an unusable query does not cost the others their rules: it is left out and named in the header.
 */
export function renderPrometheusRules(defs: readonly SloDefinition[]): RenderedRules {
  const selected = defs.filter(isPrometheus).sort((a, b) => a.name.localeCompare(b.name));
  const groups: RuleGroup[] = [];
  const included: string[] = [];
  const skipped: RenderedRules["skipped"] = [];
  for (const def of selected) {
    try {
      groups.push(...sloRuleGroups(def));
      included.push(def.name);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      skipped.push({ name: def.name, reason: error.message });
    }
  }
  const header = [
    "# Generated by opsdeck (`opsdeck slo rules --format prometheus`) from its SLO definitions.",
    `# SLOs: ${included.length === 0 ? "none with a usable Prometheus indicator" : included.join(", ")}`,
    ...skipped.map((s) => `# Left out: ${s.reason}`),
  ].join("\n");
  return {
    text: `${header}\n${stringify({ groups }, { lineWidth: 0, aliasDuplicateObjects: false })}`,
    skipped,
  };
}
