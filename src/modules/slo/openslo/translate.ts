import type { CombiningTranslator } from "../../../platform/manifests/apply.ts";
import type { SourcedDocument } from "../../../platform/manifests/kinds.ts";
import { indicatorFromSli, Refused } from "./indicator.ts";
import { openSloAlphaApiVersion, openSloApiVersion } from "./objects.ts";
import { type StoredKind, storedKinds } from "./schemas.ts";
import { alphaWindow, calendarWindow, rollingWindow } from "./window.ts";

/**
 * OpenSLO documents as opsdeck documents (docs/slo.md, "OpenSLO"): an SLO becomes one opsdeck SLO per
 * objective; SLI, AlertPolicy, AlertCondition, AlertNotificationTarget, DataSource and Service are kept
 * as OpenSLO<Kind> objects. What opsdeck cannot compute is refused naming the field.
 */

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (v && typeof v === "object" && !Array.isArray(v) ? (v as Raw) : {});
const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 30);

function objectiveTarget(o: Raw, path: string): number {
  const target =
    typeof o.target === "number"
      ? o.target
      : typeof o.targetPercent === "number"
        ? o.targetPercent / 100
        : undefined;
  if (target === undefined) throw new Refused(`${path}.target`, "is required (a ratio such as 0.99)");
  if (!(target > 0 && target < 1))
    throw new Refused(
      `${path}.${o.target === undefined ? "targetPercent" : "target"}`,
      `${target} is not a ratio between 0 and 1 (exclusive), e.g. 0.995`,
    );
  return target;
}

function budgeting(method: unknown, o: Raw, path: string) {
  const m = method ?? "Occurrences";
  if (m === "Occurrences") return { budgetingMethod: m };
  if (m !== "Timeslices" && m !== "RatioTimeslices")
    throw new Refused(
      "spec.budgetingMethod",
      `'${String(m)}' is not Occurrences, Timeslices or RatioTimeslices`,
    );
  const duration =
    typeof o.timeSliceWindow === "string"
      ? o.timeSliceWindow
      : typeof o.timeSliceWindow === "number"
        ? `${o.timeSliceWindow / 60}m`
        : undefined;
  if (!duration) throw new Refused(`${path}.timeSliceWindow`, `${m} needs timeSliceWindow (e.g. 1m)`);
  const target = o.timeSliceTarget;
  if (m === "Timeslices" && typeof target !== "number")
    throw new Refused(`${path}.timeSliceTarget`, "Timeslices needs timeSliceTarget (e.g. 0.95)");
  return { budgetingMethod: m, timeslice: { duration, ...(typeof target === "number" ? { target } : {}) } };
}

function sloSpecs(
  doc: SourcedDocument,
  spec: Raw,
  indicator: Raw,
  window: Raw,
  objectives: Raw[],
  path: string,
): SourcedDocument[] {
  if (typeof spec.service !== "string") throw new Refused("spec.service", "is required");
  const integration = obj(obj(doc.raw.metadata).annotations)["opsdeck.dev/alert-integration"];
  return objectives.map((o, i) => {
    const at = `${path}.${i}`;
    const name =
      objectives.length === 1
        ? doc.name
        : `${doc.name}-${slug(String(o.displayName ?? "")) || String(i + 1)}`.slice(0, 63);
    const description = [spec.description, objectives.length > 1 ? o.displayName : undefined]
      .filter(Boolean)
      .join(" - ");
    return {
      ...doc,
      apiVersion: "opsdeck.dev/v1",
      kind: "SLO",
      name,
      spec: {
        service: spec.service,
        description,
        objective: objectiveTarget(o, at),
        window,
        ...budgeting(spec.budgetingMethod, o, at),
        ...indicator,
        ...(typeof integration === "string" ? { alerting: { integration } } : {}),
      },
    };
  });
}

function translateV1Slo(doc: SourcedDocument): SourcedDocument[] {
  const spec = obj(doc.spec);
  const windows = Array.isArray(spec.timeWindow) ? (spec.timeWindow as Raw[]) : [];
  if (windows.length !== 1) throw new Refused("spec.timeWindow", "give exactly one time window");
  const w = windows[0] as Raw;
  if (typeof w.duration !== "string")
    throw new Refused("spec.timeWindow.0.duration", "is required (e.g. 28d or 1M)");
  const window =
    w.isRolling === false
      ? calendarWindow(w.duration, obj(w.calendar), "spec.timeWindow.0.duration")
      : rollingWindow(w.duration, "spec.timeWindow.0.duration");
  // An SLO names its SLI inline or by reference; a reference is resolved in `combine` (same apply).
  let indicator: Raw;
  if (typeof spec.indicatorRef === "string") indicator = { indicatorRef: spec.indicatorRef };
  else if (spec.indicator)
    indicator = { indicator: indicatorFromSli(obj(spec.indicator).spec, "spec.indicator.spec") };
  else throw new Refused("spec.indicator", "give indicator (an inline SLI) or indicatorRef");
  const objectives = Array.isArray(spec.objectives) ? (spec.objectives as Raw[]) : [];
  if (objectives.length === 0)
    throw new Refused("spec.objectives", "give at least one objective with a target");
  return sloSpecs(doc, spec, indicator, window, objectives, "spec.objectives");
}

function asError(f: () => SourcedDocument[]) {
  try {
    return f();
  } catch (e) {
    if (e instanceof Refused) return { error: e.message, path: e.path };
    throw e;
  }
}

export const openSloV1Translator: CombiningTranslator = (doc) =>
  asError(() => {
    if (doc.kind === "SLO") return translateV1Slo(doc);
    const stored = storedKinds[doc.kind as StoredKind];
    if (!stored)
      throw new Refused(
        "kind",
        `'${doc.kind}' is not an OpenSLO v1 kind (SLO, ${Object.keys(storedKinds).join(", ")})`,
      );
    const displayName = obj(doc.raw.metadata).displayName;
    return [
      {
        ...doc,
        apiVersion: "opsdeck.dev/v1",
        kind: stored.kind,
        spec: { ...obj(doc.spec), ...(typeof displayName === "string" ? { displayName } : {}) },
      },
    ];
  });

/** indicatorRef -> the SLI of that name among the documents of the same apply. */
openSloV1Translator.combine = (docs) => {
  const slis = new Map(docs.filter((d) => d.kind === storedKinds.SLI.kind).map((d) => [d.name, d.spec]));
  return docs.map((d) => {
    const spec = obj(d.spec);
    if (d.kind !== "SLO" || typeof spec.indicatorRef !== "string") return d;
    const { indicatorRef, ...rest } = spec;
    if (!slis.has(indicatorRef)) return d;
    try {
      return { ...d, spec: { ...rest, indicator: indicatorFromSli(slis.get(indicatorRef), "spec") } };
    } catch (e) {
      return {
        ...d,
        spec: { ...spec, indicatorRefProblem: `SLI '${indicatorRef}': ${(e as Error).message}` },
      };
    }
  });
};

/** openslo/v1alpha: SLO (ratioMetrics per objective) and Service; other kinds came with v1. */
export const openSloAlphaTranslator: CombiningTranslator = (doc) =>
  asError(() => {
    if (doc.kind === "Service")
      return [{ ...doc, apiVersion: "opsdeck.dev/v1", kind: storedKinds.Service.kind }];
    if (doc.kind !== "SLO")
      throw new Refused(
        "kind",
        `'${doc.kind}' does not exist in openslo/v1alpha (only SLO and Service); use apiVersion openslo/v1`,
      );
    const spec = obj(doc.spec);
    const windows = Array.isArray(spec.timeWindows) ? (spec.timeWindows as Raw[]) : [];
    if (windows.length !== 1) throw new Refused("spec.timeWindows", "give exactly one time window");
    const window = alphaWindow(windows[0] as Raw, "spec.timeWindows.0");
    const objectives = Array.isArray(spec.objectives) ? (spec.objectives as Raw[]) : [];
    if (objectives.length === 0) throw new Refused("spec.objectives", "give at least one objective");
    return objectives.flatMap((o, i) => {
      const ratio = obj(o.ratioMetrics);
      if (!ratio.good || !ratio.total)
        throw new Refused(
          `spec.objectives.${i}.ratioMetrics`,
          "give ratioMetrics with good and total (threshold SLIs are not supported)",
        );
      const source = (m: unknown) => ({
        metricSource: { type: obj(m).source, spec: { query: obj(m).query } },
      });
      const indicator = indicatorFromSli(
        { ratioMetric: { good: source(ratio.good), total: source(ratio.total) } },
        `spec.objectives.${i}`,
      );
      return sloSpecs(doc, spec, { indicator }, window, [o], "spec.objectives").map((d) =>
        objectives.length > 1
          ? { ...d, name: `${doc.name}-${slug(String(o.displayName ?? "")) || i + 1}` }
          : d,
      );
    });
  });

export const openSloTranslators = {
  [openSloApiVersion]: openSloV1Translator,
  [openSloAlphaApiVersion]: openSloAlphaTranslator,
};
