import { sliSpec } from "./schemas.ts";

/** An OpenSLO SLI spec as the `indicator` of an opsdeck SLO spec, or why it cannot be one. */

export class Refused extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(message);
    this.path = path;
  }
}

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (v && typeof v === "object" && !Array.isArray(v) ? (v as Raw) : {});

export function indicatorFromSli(sli: unknown, path: string): Record<string, unknown> {
  const parsed = sliSpec.safeParse(sli ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Refused([path, ...(issue?.path ?? []).map(String)].join("."), issue?.message ?? "invalid SLI");
  }
  if (parsed.data.thresholdMetric)
    throw new Refused(
      `${path}.thresholdMetric`,
      "threshold SLIs (a raw value compared with objectives[].op and value) are not supported: opsdeck computes SLIs from good and total counts; use a ratioMetric",
    );
  const ratio = parsed.data.ratioMetric ?? {};
  if (ratio.raw)
    throw new Refused(
      `${path}.ratioMetric.raw`,
      "precomputed ratios (raw, rawType) are not supported: give good (or bad) and total counts",
    );
  const parts = (["good", "bad", "total"] as const).filter((p) => ratio[p] !== undefined);
  const sources = parts.map((p) => ({ part: p, source: obj(obj(ratio[p]).metricSource) }));
  const isPrometheus = sources.every((s) => String(s.source.type ?? "").toLowerCase() === "prometheus");
  // Any other source (Datadog, CloudWatch, "Any", ...) is one opsdeck cannot query: its counts are pushed.
  if (!isPrometheus) return { events: {} };
  const prometheus: Record<string, string> = {};
  for (const { part, source } of sources) {
    const query = obj(source.spec).query;
    if (typeof query !== "string" || query.trim() === "")
      throw new Refused(
        `${path}.ratioMetric.${part}.metricSource.spec.query`,
        "a Prometheus source needs a PromQL query",
      );
    prometheus[part] = query.trim();
  }
  const ref = sources.find((s) => typeof s.source.metricSourceRef === "string")?.source.metricSourceRef;
  if (typeof ref === "string") prometheus.dataSource = ref;
  return { prometheus };
}
