import { z } from "zod";
import { severityFromText } from "../../incidents/index.ts";
import {
  type AlertLink,
  fingerprintOf,
  type IncomingAlert,
  instant,
  limits,
  postedAlertResolveTimeoutMs,
  runbookOf,
  titleOf,
} from "../alert.ts";
import { annotationSet, httpUrl, labelSet, timestamp, url } from "./limits.ts";

/** One alert of Alertmanager's webhook (and of Grafana's, which copies the shape). */
export const webhookAlert = z
  .object({
    status: z.enum(["firing", "resolved"]),
    labels: labelSet,
    annotations: annotationSet.default({}),
    startsAt: timestamp,
    endsAt: timestamp.optional(),
    generatorURL: url.optional(),
    fingerprint: z.string().min(1).max(128),
  })
  .loose();

/**
 * Alertmanager's webhook body, version 4 (`webhook_configs`). Unknown top-level fields are tolerated (newer
 * Alertmanagers add some); an unknown `version` is refused, because its meaning is unknown.
 */
export const alertmanagerWebhook = z
  .object({
    version: z.literal("4", { error: 'only version "4" of the Alertmanager webhook is understood' }),
    groupKey: z.string().max(10_000),
    truncatedAlerts: z.number().int().min(0).optional(),
    status: z.enum(["firing", "resolved"]),
    receiver: z.string().max(1000).optional(),
    groupLabels: labelSet.optional(),
    commonLabels: labelSet.optional(),
    commonAnnotations: annotationSet.optional(),
    externalURL: url.optional(),
    alerts: z.array(webhookAlert).max(limits.alertsPerRequest),
  })
  .loose();

/** Prometheus' side of the Alertmanager API: `POST /api/v2/alerts` with an array of postable alerts. */
export const postableAlerts = z
  .array(
    z
      .object({
        labels: labelSet.refine((l) => Object.keys(l).length > 0, "an alert needs at least one label"),
        annotations: annotationSet.default({}),
        startsAt: timestamp.optional(),
        endsAt: timestamp.optional(),
        generatorURL: url.optional(),
      })
      // Fields a newer Prometheus may add are tolerated: a 400 would make it drop the alert.
      .loose(),
  )
  .max(limits.alertsPerRequest);

export type WebhookAlert = z.output<typeof webhookAlert>;

/** Shared by Alertmanager and Grafana: labels, annotations, severity label, runbook annotation, links. */
export function fromPrometheusStyle(
  a: {
    labels: Record<string, string>;
    annotations: Record<string, string>;
    startsAt?: string;
    endsAt?: string;
    generatorURL?: string;
  },
  fingerprint: string,
  action: "firing" | "resolved",
  extraLinks: AlertLink[] = [],
): IncomingAlert {
  const source = httpUrl(a.generatorURL);
  return {
    fingerprint,
    action,
    title: titleOf(a.labels, a.annotations),
    description: a.annotations.description ?? "",
    labels: a.labels,
    annotations: a.annotations,
    links: [...(source ? [{ url: source, title: "Source" }] : []), ...extraLinks],
    severity: severityFromText(a.labels.severity ?? a.labels.priority),
    startsAt: instant(a.startsAt),
    endsAt: instant(a.endsAt),
    sourceUrl: source,
    runbookUrl: runbookOf(a.annotations),
  };
}

export function fromAlertmanagerWebhook(body: z.output<typeof alertmanagerWebhook>): IncomingAlert[] {
  return body.alerts.map((a) => fromPrometheusStyle(a, a.fingerprint, a.status));
}

/**
 * Alertmanager's own rule for posted alerts: an alert whose endsAt has passed is resolved, any other is
 * firing. The fingerprint is computed from the label set, as Alertmanager does (not its exact hash).
 */
export function fromPostableAlerts(body: z.output<typeof postableAlerts>, now: Date): IncomingAlert[] {
  return body.map((a) => {
    const ends = instant(a.endsAt);
    const resolved = ends !== null && Date.parse(ends) <= now.getTime();
    const alert = fromPrometheusStyle(a, fingerprintOf(a.labels), resolved ? "resolved" : "firing");
    if (!resolved)
      alert.expiresAt = ends ?? new Date(now.getTime() + postedAlertResolveTimeoutMs).toISOString();
    return alert;
  });
}
