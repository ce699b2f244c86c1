import type { Database } from "../../platform/db/database.ts";
import { alertsOfIncident, compileMatchers, parseMatchers } from "../alerts/index.ts";
import { getIncident } from "../incidents/index.ts";
import { presentRunbook, runbooksWithCurrent } from "./runbooks.repository.ts";
import type { IncidentRunbookView } from "./runbooks.schema.ts";

export interface MatchSubject {
  services: string[];
  alerts: { title: string; labels: Record<string, string> }[];
}

/**
 * Why each runbook applies to an incident: it is linked to one of the incident's services, or all of one of
 * its matchers hold for one of the incident's alerts' labels. A runbook without matchers is matched only by
 * service (no matchers would otherwise match every alert). Pure.
 */
export function matchReasons(
  runbook: { services: string[]; match: string[] },
  subject: MatchSubject,
): string[] {
  const reasons: string[] = [];
  const services = new Set(subject.services.map((s) => s.toLowerCase()));
  for (const s of runbook.services) if (services.has(s.toLowerCase())) reasons.push(`service:${s}`);
  for (const text of runbook.match) {
    const parsed = parseMatchers(text);
    if (!parsed.ok || parsed.value.length === 0) continue;
    const test = compileMatchers(parsed.value);
    const hit = subject.alerts.find((a) => test(a.labels));
    if (hit) reasons.push(`alert:${hit.title} matches ${text}`);
  }
  return reasons;
}

/** The runbooks to show on an incident's page, most reasons first. */
export async function runbooksForIncident(db: Database, ref: string): Promise<IncidentRunbookView[]> {
  const incident = await getIncident(db, ref);
  const alerts = await alertsOfIncident(db, incident.id);
  const subject = {
    services: incident.services,
    alerts: alerts.map((a) => ({ title: a.title, labels: a.labels })),
  };
  const out: IncidentRunbookView[] = [];
  for (const { row, current } of await runbooksWithCurrent(db.read)) {
    const view = presentRunbook(row, current);
    const reasons = matchReasons(view, subject);
    if (reasons.length > 0) out.push({ ...view, reasons });
  }
  return out.sort((a, b) => b.reasons.length - a.reasons.length || a.name.localeCompare(b.name));
}
