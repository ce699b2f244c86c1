import { z } from "zod";
import { severityFromText } from "../../incidents/index.ts";
import { fingerprintOf, type IncomingAlert, instant, limits } from "../alert.ts";
import { annotationSet, httpUrl, labelSet, timestamp, url } from "./limits.ts";

/** opsdeck's own webhook format for anything else (scripts, CI, cron jobs); documented in docs/alerts.md. */
export const genericAlert = z
  .object({
    title: z.string().trim().min(1).max(limits.title),
    status: z.enum(["firing", "resolved"]).default("firing"),
    dedupKey: z.string().min(1).max(255).optional(),
    severity: z
      .string()
      .max(32)
      .refine(
        (s) => severityFromText(s) !== null,
        "severity must be critical, error, warning, info or SEV1-SEV4",
      )
      .optional(),
    description: z.string().max(limits.annotationValue).default(""),
    labels: labelSet.default({}),
    annotations: annotationSet.default({}),
    links: z
      .array(z.object({ url, title: z.string().max(500).optional() }).strict())
      .max(50)
      .default([]),
    runbookUrl: url.optional(),
    startsAt: timestamp.optional(),
  })
  .strict();

export type GenericAlert = z.output<typeof genericAlert>;

/** Without a dedupKey, the title and labels identify the alert: a re-send of the same alert is the same alert. */
export function fromGenericAlert(a: GenericAlert): IncomingAlert {
  return {
    fingerprint: a.dedupKey ?? fingerprintOf({ ...a.labels, "opsdeck.title": a.title }),
    action: a.status,
    title: a.title,
    description: a.description,
    labels: a.labels,
    annotations: a.annotations,
    links: a.links.flatMap((l) => {
      const u = httpUrl(l.url);
      return u ? [{ url: u, title: l.title ?? u }] : [];
    }),
    severity: severityFromText(a.severity ?? a.labels.severity),
    startsAt: instant(a.startsAt),
    endsAt: null,
    sourceUrl: null,
    runbookUrl: httpUrl(a.runbookUrl) ?? httpUrl(a.annotations.runbook_url),
  };
}
