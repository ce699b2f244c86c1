import { isSeverity, type Severity } from "./types.ts";

/**
 * URL search parameters of the incident list: filters live in the URL so a filtered view can be shared in
 * the incident channel and survives a reload. Anything malformed is dropped rather than sent to the API.
 */
export interface IncidentListSearch {
  /** Absent means "open" (triggered or acknowledged): what someone opening the list wants first. */
  status?: StatusFilter;
  severity?: Severity;
  service?: string;
  /** A window ending now, such as "7d"; ignored when `from` or `to` is set. */
  range?: RangeKey;
  /** Calendar days (YYYY-MM-DD) in the browser's zone; `to` is inclusive. */
  from?: string;
  to?: string;
}

export const statusFilters = ["open", "triggered", "acknowledged", "resolved", "all"] as const;
export type StatusFilter = (typeof statusFilters)[number];

export const statusFilterLabels: Record<StatusFilter, string> = {
  open: "Open",
  triggered: "Triggered",
  acknowledged: "Acknowledged",
  resolved: "Resolved",
  all: "All",
};

export const ranges = { "24h": 1, "7d": 7, "30d": 30, "90d": 90 } as const;
export type RangeKey = keyof typeof ranges;

export const rangeLabels: Record<RangeKey, string> = {
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  "90d": "Last 90 days",
};

const day = /^\d{4}-\d{2}-\d{2}$/;
const serviceName = /^[a-zA-Z0-9]+([-_.][a-zA-Z0-9]+)*$/;

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === "string" && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : undefined;
}

export function parseIncidentSearch(search: Record<string, unknown>): IncidentListSearch {
  const text = (v: unknown) => (typeof v === "string" && day.test(v) ? v : undefined);
  const status = oneOf(search.status, statusFilters);
  return {
    status: status === "open" ? undefined : status,
    severity: isSeverity(search.severity) ? search.severity : undefined,
    service:
      typeof search.service === "string" && serviceName.test(search.service) && search.service.length <= 63
        ? search.service
        : undefined,
    range: oneOf(search.range, Object.keys(ranges) as RangeKey[]),
    from: text(search.from),
    to: text(search.to),
  };
}

/** The creation-time bounds the API takes, as instants; computed at fetch time so "last 7 days" stays true. */
export function timeBounds(f: IncidentListSearch, now = new Date()): { from?: string; to?: string } {
  if (f.from || f.to) {
    const start = f.from ? new Date(`${f.from}T00:00:00`) : undefined;
    // `to` names a whole day: the bound is the midnight after it.
    const end = f.to ? new Date(`${f.to}T00:00:00`) : undefined;
    end?.setDate(end.getDate() + 1);
    return { from: start?.toISOString(), to: end?.toISOString() };
  }
  if (f.range) return { from: new Date(now.getTime() - ranges[f.range] * 86_400_000).toISOString() };
  return {};
}

/** The API's `status` parameter for a filter; "all" sends none. */
export function apiStatus(status: StatusFilter | undefined): string | undefined {
  const s = status ?? "open";
  return s === "all" ? undefined : s;
}
