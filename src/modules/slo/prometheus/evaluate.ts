import type { MinuteCounts } from "../events.repository.ts";
import type { SloIndicator } from "../model.ts";
import {
  PrometheusQueryError,
  type PrometheusTarget,
  rangeQuery,
  rawSamples,
  type Series,
} from "./client.ts";
import { minuteIncrements, minuteMs } from "./counter-math.ts";
import { type QueryForm, queryForm } from "./promql.ts";

type PrometheusIndicator = Extract<SloIndicator, { kind: "prometheus" }>;
type Field = "good" | "bad" | "total";

/** A query Prometheus (or opsdeck's form check) refused, with the indicator field it belongs to. */
export class IndicatorQueryError extends Error {
  override name = "IndicatorQueryError";
  readonly field: string;
  constructor(field: Field, message: string) {
    super(`indicator.${field}: ${message}`);
    this.field = `indicator.${field}`;
  }
}

/** How far back a selector's samples are read before a range, so its first minute has a baseline. */
export const baselineMs = 10 * minuteMs;
/** Minutes read per request: bounded answers from Prometheus. */
export const chunkMinutes = 60;

function formOf(field: Field, query: string): QueryForm {
  const form = queryForm(query);
  if ("error" in form) throw new IndicatorQueryError(field, `the PromQL query ${form.error}`);
  return form;
}

/** Events per minute of one query over minutes starting in [fromMs, toMs), and which minutes had data. */
async function perMinute(
  target: PrometheusTarget,
  field: Field,
  query: string,
  fromMs: number,
  toMs: number,
): Promise<{ increments: Map<number, number>; observed: Set<number> }> {
  const form = formOf(field, query);
  try {
    if (form.kind === "selector") {
      // [from - baseline, to - 1ms]: the samples of exactly these minutes plus a baseline before them.
      const series = await rawSamples(target, form.selector, toMs - 1, toMs - 1 - (fromMs - baselineMs));
      return minuteIncrements(series, fromMs, toMs);
    }
    // A template is a per-second rate: its 1m value at a minute's end times 60 is that minute's events.
    const query1m = form.template.replace(/\{\{\s*\.window\s*\}\}/g, "1m");
    const series: Series[] = await rangeQuery(target, query1m, fromMs + minuteMs, toMs, minuteMs);
    const increments = new Map<number, number>();
    const observed = new Set<number>();
    for (const s of series)
      for (const sample of s.samples) {
        const minute = sample.t - minuteMs;
        if (!Number.isFinite(sample.v)) continue;
        observed.add(minute);
        increments.set(minute, (increments.get(minute) ?? 0) + sample.v * 60);
      }
    return { increments, observed };
  } catch (error) {
    if (error instanceof PrometheusQueryError)
      throw new IndicatorQueryError(field, `Prometheus rejected the query: ${error.message}`);
    throw error;
  }
}

/**
 * Whole events per minute, rounding the running sum (not each minute) so no event is lost or invented
 * over a run when a source yields fractions (template rates, float counters).
 */
function wholeCounts(minutes: number[], values: Map<number, number>): Map<number, number> {
  const out = new Map<number, number>();
  let exact = 0;
  let emitted = 0;
  for (const m of minutes) {
    exact += Math.max(0, values.get(m) ?? 0);
    const rounded = Math.round(exact);
    out.set(m, rounded - emitted);
    emitted = rounded;
  }
  return out;
}

/**
 * Reads the good/total minute counts of one SLO for the minutes starting in [fromMs, toMs) (whole
 * minutes). A minute in which no `total` series has a sample is left out: a gap, never a zero.
 */
export async function readMinuteCounts(
  target: PrometheusTarget,
  indicator: PrometheusIndicator,
  fromMs: number,
  toMs: number,
): Promise<MinuteCounts[]> {
  const rows: MinuteCounts[] = [];
  for (let start = fromMs; start < toMs; start += chunkMinutes * minuteMs) {
    const end = Math.min(toMs, start + chunkMinutes * minuteMs);
    const total = await perMinute(target, "total", indicator.total, start, end);
    const partField: Field = indicator.bad !== undefined ? "bad" : "good";
    const part = await perMinute(target, partField, indicator.bad ?? indicator.good ?? "", start, end);
    const minutes = [...total.observed].sort((a, b) => a - b);
    const totals = wholeCounts(minutes, total.increments);
    const parts = wholeCounts(minutes, part.increments);
    for (const m of minutes) {
      const t = totals.get(m) ?? 0;
      const p = Math.min(t, parts.get(m) ?? 0);
      rows.push({ minute: new Date(m).toISOString(), good: partField === "bad" ? t - p : p, total: t });
    }
  }
  return rows;
}
