import { createHash } from "node:crypto";
import type { Severity } from "../incidents/index.ts";

/** Alert states: open ones are `firing` or `suppressed` (matched a silence); `resolved` is final. */
export const alertStatuses = ["firing", "suppressed", "resolved"] as const;
export type AlertStatus = (typeof alertStatuses)[number];

export interface AlertLink {
  url: string;
  title: string;
}

/**
 * One alert event as every receiver format normalizes it. `fingerprint` is the dedup key within the
 * integration (Alertmanager's fingerprint, PagerDuty's dedup_key, ...). `acknowledge` exists only in
 * PagerDuty's format: it acknowledges the incident of the open alert.
 */
export interface IncomingAlert {
  fingerprint: string;
  action: "firing" | "resolved" | "acknowledge";
  title: string;
  description: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  links: AlertLink[];
  /** From the sender (label or field), before routing; null leaves it to the routing rule or default. */
  severity: Severity | null;
  /** ISO instants; startsAt also tells a stale re-send of an earlier, resolved occurrence. */
  startsAt: string | null;
  endsAt: string | null;
  sourceUrl: string | null;
  runbookUrl: string | null;
  /** Alertmanager API posts only: the instant the alert resolves by itself unless posted again. */
  expiresAt?: string;
}

/** Alertmanager's default `resolve_timeout`: a posted alert without endsAt resolves this long after its last post. */
export const postedAlertResolveTimeoutMs = 5 * 60_000;

/** Limits every receiver enforces: a label set beyond them is refused with 400, never stored half-way. */
export const limits = {
  alertsPerRequest: 1000,
  labels: 100,
  labelName: 256,
  labelValue: 4096,
  annotationValue: 65_536,
  title: 1000,
} as const;

const sortedEntries = (r: Record<string, string>) =>
  Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

const sha = (text: string) => createHash("sha256").update(text).digest("hex");

/** A stable fingerprint of a label set (order does not matter), for senders that send none. */
export function fingerprintOf(labels: Record<string, string>): string {
  return sha(JSON.stringify(sortedEntries(labels))).slice(0, 16);
}

/** What the sender said, minus timing: equal hashes mean a re-send that changes nothing. */
export function contentHash(a: IncomingAlert): string {
  return sha(
    JSON.stringify([
      a.title,
      a.description,
      sortedEntries(a.labels),
      sortedEntries(a.annotations),
      a.links,
      a.severity,
      a.sourceUrl,
      a.runbookUrl,
    ]),
  ).slice(0, 32);
}

/** A title from Prometheus-style labels and annotations: `alertname: summary` when both exist. */
export function titleOf(labels: Record<string, string>, annotations: Record<string, string>): string {
  const name = labels.alertname;
  const summary = annotations.summary ?? annotations.title ?? annotations.message;
  const title = name && summary ? `${name}: ${summary}` : (summary ?? name ?? "Alert");
  return title.slice(0, limits.title);
}

/** The first http(s) URL among the usual runbook annotations. */
export function runbookOf(annotations: Record<string, string>): string | null {
  for (const key of ["runbook_url", "runbook", "runbookUrl"]) {
    const v = annotations[key];
    if (v && /^https?:\/\/\S+$/.test(v) && v.length <= 2000) return v;
  }
  return null;
}

/** An instant as fixed-width ISO, or null for absent, unparsable or Go's zero time (`0001-01-01T00:00:00Z`). */
export function instant(text: string | undefined | null): string | null {
  if (!text) return null;
  const ms = Date.parse(text);
  if (!Number.isFinite(ms) || ms <= Date.UTC(1971, 0, 1)) return null;
  return new Date(ms).toISOString();
}
