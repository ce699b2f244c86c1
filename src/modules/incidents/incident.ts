/** Incident domain: severities, statuses, roles and the rules between them. No I/O. */

export const severities = ["SEV1", "SEV2", "SEV3", "SEV4"] as const;
export type Severity = (typeof severities)[number];

export const incidentStatuses = ["triggered", "acknowledged", "resolved"] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

/** Roles a person can hold on an incident; one person per role. */
export const incidentRoles = ["commander", "deputy", "communications", "scribe", "operations"] as const;
export type IncidentRole = (typeof incidentRoles)[number];

/** SEV1 is the most severe; `moreSevere` keeps the worse of two. */
export function moreSevere(a: Severity, b: Severity): Severity {
  return severities.indexOf(a) <= severities.indexOf(b) ? a : b;
}

/**
 * Severity words of the outside world, mapped to SEV1-4 (documented in docs/incidents.md):
 * PagerDuty's four levels one to one (critical, error, warning, info), Prometheus' usual
 * `severity` label values, P1-P4, SEV1-4 and 1-4. Anything else is null: the caller's default applies.
 */
const severityWords: Record<string, Severity> = {
  critical: "SEV1",
  crit: "SEV1",
  fatal: "SEV1",
  emergency: "SEV1",
  page: "SEV1",
  p1: "SEV1",
  high: "SEV2",
  error: "SEV2",
  err: "SEV2",
  major: "SEV2",
  p2: "SEV2",
  warning: "SEV3",
  warn: "SEV3",
  medium: "SEV3",
  minor: "SEV3",
  p3: "SEV3",
  info: "SEV4",
  informational: "SEV4",
  low: "SEV4",
  none: "SEV4",
  p4: "SEV4",
  p5: "SEV4",
};

export function severityFromText(text: string | undefined | null): Severity | null {
  if (!text) return null;
  const t = text.trim().toLowerCase();
  const numbered = /^(?:sev)?-?([1-4])$/.exec(t);
  if (numbered) return `SEV${numbered[1]}` as Severity;
  return severityWords[t] ?? null;
}

/**
 * What a requested status change does: `change` applies it, `noop` leaves the incident as it is (acknowledging
 * twice is not an error), `invalid` is refused (an incident is not acknowledged after it was resolved).
 */
export function transition(from: IncidentStatus, to: IncidentStatus): "change" | "noop" | "invalid" {
  if (from === to) return "noop";
  if (to === "acknowledged") return from === "triggered" ? "change" : "invalid";
  if (to === "resolved") return "change";
  return "invalid";
}

/** The subject of an incident's domain events and live-stream filter. */
export const incidentSubject = (id: string) => `incident:${id}`;

/** An alert as the incident sees it when it joins or resolves. */
export interface AlertRef {
  alertId: string;
  title: string;
  fingerprint: string;
  integration: string;
  severity: Severity;
  service: string;
  runbookUrl?: string | null;
}

export interface NewIncident {
  title: string;
  summary: string;
  severity: Severity;
  services: string[];
  groupKey: string | null;
  source: "alert" | "manual";
}
