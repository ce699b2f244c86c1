/**
 * Shapes of the alerts API. The server declares them next to I/O code (integrations.schema.ts reaches the
 * incidents module's index, alerts.views.ts the database), which the browser bundle must not import even
 * for types, so they are mirrored here; each names the server schema it follows.
 */
import type { Severity } from "../incidents/types.ts";

/** `alertStatuses` of src/modules/alerts/alert.ts. */
export const alertStatuses = ["firing", "suppressed", "resolved"] as const;
export type AlertStatus = (typeof alertStatuses)[number];

/** `alertView` of src/modules/alerts/alerts.views.ts. */
export interface AlertView {
  id: string;
  integration: string | null;
  fingerprint: string;
  status: AlertStatus;
  title: string;
  description: string;
  severity: string;
  service: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  links: { url: string; title: string }[];
  sourceUrl: string | null;
  runbookUrl: string | null;
  incidentId: string | null;
  silenceId: string | null;
  startsAt: string;
  resolvedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `GET /api/v1/alerts`: one page and how many alerts match in all. */
export interface AlertPage {
  items: AlertView[];
  total: number;
  /** Label matchers looked at the newest 10,000 alerts only. */
  totalIsLowerBound: boolean;
}

/** `integrationTypes` of src/modules/alerts/integrations.schema.ts. */
export const integrationTypes = ["alertmanager", "grafana", "pagerduty", "webhook"] as const;
export type IntegrationType = (typeof integrationTypes)[number];

export const integrationTypeLabels: Record<IntegrationType, string> = {
  alertmanager: "Prometheus Alertmanager",
  grafana: "Grafana",
  pagerduty: "PagerDuty Events v2",
  webhook: "Generic webhook",
};

/** `routeRule` (output) of integrations.schema.ts. */
export interface RouteRule {
  match: string[];
  service?: string;
  severity?: Severity;
  groupBy?: string[];
}

/** `integrationSummary` of integrations.schema.ts. */
export interface IntegrationSummary {
  name: string;
  type: IntegrationType;
  description: string;
  service: string;
  url: string;
  createdAt: string;
  updatedAt: string;
}

/** `integrationDetail`: what a manager copies into the sender's configuration. */
export interface IntegrationDetail extends IntegrationSummary {
  key: string;
  spec: {
    type: IntegrationType;
    description: string;
    service: string;
    severity: Severity;
    groupBy: string[];
    routes: RouteRule[];
  };
}

/** `silenceView` of src/modules/alerts/silences.service.ts. */
export interface SilenceView {
  id: string;
  matchers: string[];
  startsAt: string;
  endsAt: string;
  comment: string;
  createdBy: string;
  createdAt: string;
  state: "pending" | "active" | "expired";
}

/** `heartbeatView` of src/modules/alerts/heartbeats.service.ts. */
export interface HeartbeatView {
  name: string;
  integration: string;
  intervalMinutes: number;
  description: string;
  lastPingAt: string | null;
  nextDueAt: string;
  state: "up" | "missed";
}
