import { isSeverity, type Severity } from "../incidents/types.ts";
import { type AlertStatus, alertStatuses } from "./types.ts";

/** URL search parameters of the alerts page, so a filtered view can be shared; malformed values are dropped. */
export interface AlertSearch {
  /** Absent means firing: the alerts that page people now. */
  status?: AlertStatus;
  integration?: string;
  service?: string;
  severity?: Severity;
  /** One or more `key`, `key=value` or `key!=value` terms separated by spaces or commas; all must hold. */
  label?: string;
}

const name = /^[a-zA-Z0-9]+([-_.][a-zA-Z0-9]+)*$/;
const nameOf = (v: unknown) => (typeof v === "string" && name.test(v) && v.length <= 63 ? v : undefined);

export function parseAlertSearch(search: Record<string, unknown>): AlertSearch {
  const status =
    typeof search.status === "string" && (alertStatuses as readonly string[]).includes(search.status)
      ? (search.status as AlertStatus)
      : undefined;
  return {
    status: status === "firing" ? undefined : status,
    integration: nameOf(search.integration),
    service: nameOf(search.service),
    severity: isSeverity(search.severity) ? search.severity : undefined,
    label:
      typeof search.label === "string" && search.label.trim() ? search.label.trim().slice(0, 400) : undefined,
  };
}

interface LabelTerm {
  key: string;
  value?: string;
  negate: boolean;
}

/** `env=prod team region!=eu` -> terms; a bare key means "has this label". */
export function labelTerms(text: string | undefined): LabelTerm[] {
  return (text ?? "")
    .split(/[\s,]+/)
    .filter(Boolean)
    .slice(0, 20)
    .map((term) => {
      const m = /^([^=!]+)(!?=)(.*)$/.exec(term);
      return m ? { key: m[1] ?? "", value: m[3] ?? "", negate: m[2] === "!=" } : { key: term, negate: false };
    });
}

const quoted = (v: string) => `"${v.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;

/** The terms as one Alertmanager matcher set for the API's `match` (`key` = has the label: `key=~".+"`). */
export function labelMatcherSet(text: string | undefined): string | undefined {
  const terms = labelTerms(text);
  if (terms.length === 0) return undefined;
  const matchers = terms.map((t) =>
    t.value === undefined ? `${t.key}=~".+"` : `${t.key}${t.negate ? "!=" : "="}${quoted(t.value)}`,
  );
  return `{${matchers.join(", ")}}`;
}
