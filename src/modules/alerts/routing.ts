import { createHash } from "node:crypto";
import type { Severity } from "../incidents/index.ts";
import type { IncomingAlert } from "./alert.ts";
import type { IntegrationSpec } from "./integrations.schema.ts";
import { compileMatchers, type LabelTest, parseMatchers } from "./matchers.ts";

/** An integration ready for intake: its rules compiled once, not per alert. */
export interface CompiledIntegration {
  id: string;
  name: string;
  type: IntegrationSpec["type"];
  spec: IntegrationSpec;
  rules: { test: LabelTest; service?: string; severity?: Severity; groupBy?: string[] }[];
}

export function compileIntegration(row: {
  id: string;
  name: string;
  spec_json: string;
}): CompiledIntegration {
  const spec = JSON.parse(row.spec_json) as IntegrationSpec;
  return {
    id: row.id,
    name: row.name,
    type: spec.type,
    spec,
    rules: spec.routes.map((r) => {
      const parsed = parseMatchers(r.match);
      // Stored specs were validated on the way in; an unparsable one matches nothing rather than everything.
      const test: LabelTest = parsed.ok ? compileMatchers(parsed.value) : () => false;
      return { test, service: r.service, severity: r.severity, groupBy: r.groupBy };
    }),
  };
}

export interface Routed {
  service: string;
  severity: Severity;
  groupKey: string;
}

/**
 * Where an alert goes: the first rule whose matchers hold picks service, severity and grouping labels; what
 * it leaves out comes from the integration. A rule's severity overrides the alert's own; otherwise the
 * alert's severity (from its `severity` label) wins over the integration's default.
 */
export function routeAlert(integration: CompiledIntegration, alert: IncomingAlert): Routed {
  const rule = integration.rules.find((r) => r.test(alert.labels));
  const service = rule?.service ?? integration.spec.service;
  const severity = rule?.severity ?? alert.severity ?? integration.spec.severity;
  const groupBy = rule?.groupBy ?? integration.spec.groupBy;
  return { service, severity, groupKey: groupKeyOf(service, groupBy, alert.labels) };
}

/**
 * `service|label=value,...` over the grouping labels in the order given. Long keys are hashed so that
 * the unique index stays small; the readable form is kept when it fits.
 */
export function groupKeyOf(service: string, groupBy: string[], labels: Record<string, string>): string {
  // Own labels only: `constructor` is a valid label name, not Object.prototype's member.
  const value = (l: string) => (Object.hasOwn(labels, l) ? labels[l] : undefined) ?? "";
  const key = `${service}|${groupBy.map((l) => `${l}=${value(l)}`).join(",")}`;
  return key.length <= 300 ? key : `${service}|#${createHash("sha256").update(key).digest("hex")}`;
}
