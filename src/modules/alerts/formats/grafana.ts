import { z } from "zod";
import { type AlertLink, type IncomingAlert, limits } from "../alert.ts";
import { fromPrometheusStyle, webhookAlert } from "./alertmanager.ts";
import { annotationSet, httpUrl, labelSet, url } from "./limits.ts";

/** Grafana unified alerting's webhook contact point (body `version: "1"`), an Alertmanager v4 look-alike. */
export const grafanaWebhook = z
  .object({
    version: z.literal("1", { error: 'only version "1" of the Grafana alerting webhook is understood' }),
    groupKey: z.string().max(10_000),
    truncatedAlerts: z.number().int().min(0).optional(),
    status: z.enum(["firing", "resolved"]),
    orgId: z.number().int().optional(),
    receiver: z.string().max(1000).optional(),
    state: z.string().max(100).optional(),
    title: z.string().max(10_000).optional(),
    message: z.string().max(100_000).optional(),
    groupLabels: labelSet.optional(),
    commonLabels: labelSet.optional(),
    commonAnnotations: annotationSet.optional(),
    externalURL: url.optional(),
    alerts: z
      .array(
        webhookAlert.extend({
          dashboardURL: url.optional(),
          panelURL: url.optional(),
          silenceURL: url.optional(),
          imageURL: url.optional(),
          valueString: z.string().max(100_000).optional(),
        }),
      )
      .max(limits.alertsPerRequest),
  })
  .loose();

export function fromGrafanaWebhook(body: z.output<typeof grafanaWebhook>): IncomingAlert[] {
  return body.alerts.map((a) => {
    const links: AlertLink[] = [];
    for (const [title, value] of [
      ["Dashboard", a.dashboardURL],
      ["Panel", a.panelURL],
      ["Silence in Grafana", a.silenceURL],
    ] as const) {
      const u = httpUrl(value);
      if (u) links.push({ url: u, title });
    }
    const alert = fromPrometheusStyle(a, a.fingerprint, a.status, links);
    if (a.valueString && !alert.annotations.value)
      alert.annotations = { ...alert.annotations, value: a.valueString.slice(0, limits.annotationValue) };
    return alert;
  });
}
