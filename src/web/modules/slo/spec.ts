import { type BurnCondition, defaultConditions } from "./types.ts";

/** The parts of an SLO's spec the page shows, read defensively: the spec is an open record on the wire. */
export interface SpecFacts {
  description: string;
  indicatorKind: string;
  queries: { field: string; query: string }[];
  conditions: { page: BurnCondition[]; ticket: BurnCondition[] };
}

const isCondition = (c: unknown): c is BurnCondition =>
  typeof c === "object" &&
  c !== null &&
  typeof (c as BurnCondition).long === "string" &&
  typeof (c as BurnCondition).short === "string" &&
  typeof (c as BurnCondition).factor === "number";

export function specFacts(spec: Record<string, unknown>): SpecFacts {
  const indicator = (spec.indicator ?? {}) as Record<string, unknown>;
  const alerting = (spec.alerting ?? {}) as Record<string, unknown>;
  const list = (v: unknown, fallback: BurnCondition[]) =>
    Array.isArray(v) && v.every(isCondition) ? v : fallback;
  return {
    description: typeof spec.description === "string" ? spec.description : "",
    indicatorKind: typeof indicator.kind === "string" ? indicator.kind : "unknown",
    queries: ["good", "bad", "total"].flatMap((field) =>
      typeof indicator[field] === "string" ? [{ field, query: indicator[field] as string }] : [],
    ),
    conditions: {
      page: list(alerting.page, defaultConditions.page),
      ticket: list(alerting.ticket, defaultConditions.ticket),
    },
  };
}
