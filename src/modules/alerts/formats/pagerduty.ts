import { z } from "zod";
import { severityFromText } from "../../incidents/index.ts";
import { fingerprintOf, type IncomingAlert, instant, limits } from "../alert.ts";
import { httpUrl, timestamp, url } from "./limits.ts";

const text = (max: number) => z.string().max(max);

/**
 * PagerDuty Events API v2 (`POST /v2/enqueue`). `routing_key` carries the integration key for senders that
 * cannot set a header: opsdeck's key goes where PagerDuty's did. With `Authorization: Bearer KEY` it may be
 * left out (and is ignored). Trigger needs a payload; acknowledge and resolve need the dedup_key of the
 * alert they mean.
 */
export const pagerDutyEvent = z
  .object({
    routing_key: text(256).min(1).optional(),
    event_action: z.enum(["trigger", "acknowledge", "resolve"], {
      error: "event_action must be trigger, acknowledge or resolve",
    }),
    dedup_key: text(255).min(1).optional(),
    payload: z
      .object({
        summary: text(1024).min(1),
        source: text(255).min(1),
        severity: z.enum(["critical", "error", "warning", "info"], {
          error: "payload.severity must be critical, error, warning or info",
        }),
        timestamp: timestamp.optional(),
        component: text(255).optional(),
        group: text(255).optional(),
        class: text(255).optional(),
        custom_details: z.unknown().optional(),
      })
      .loose()
      .optional(),
    images: z
      .array(z.object({ src: url, href: url.optional(), alt: text(1000).optional() }).loose())
      .max(50)
      .optional(),
    links: z
      .array(z.object({ href: url, text: text(1000).optional() }).loose())
      .max(50)
      .optional(),
    client: text(1000).optional(),
    client_url: url.optional(),
  })
  .loose()
  .superRefine((e, ctx) => {
    if (e.event_action === "trigger" && !e.payload)
      ctx.addIssue({ code: "custom", path: ["payload"], message: "a trigger event needs a payload" });
    if (e.event_action !== "trigger" && !e.dedup_key)
      ctx.addIssue({ code: "custom", path: ["dedup_key"], message: `${e.event_action} needs the dedup_key` });
  });

export type PagerDutyEvent = z.output<typeof pagerDutyEvent>;

/**
 * Without a dedup_key PagerDuty makes up a new one per event; opsdeck derives it from the payload instead,
 * so a replayed trigger changes nothing. Either way the key is returned to the sender.
 */
export function dedupKeyOf(e: PagerDutyEvent): string {
  if (e.dedup_key) return e.dedup_key;
  const p = e.payload;
  return fingerprintOf({
    summary: p?.summary ?? "",
    source: p?.source ?? "",
    component: p?.component ?? "",
    group: p?.group ?? "",
    class: p?.class ?? "",
  });
}

export function fromPagerDutyEvent(e: PagerDutyEvent): IncomingAlert {
  const p = e.payload;
  const labels: Record<string, string> = {};
  for (const k of ["severity", "source", "component", "group", "class"] as const) {
    const v = p?.[k];
    if (typeof v === "string" && v !== "") labels[k] = v;
  }
  const details = p?.custom_details === undefined ? undefined : JSON.stringify(p.custom_details);
  const links = (e.links ?? []).flatMap((l) => {
    const u = httpUrl(l.href);
    return u ? [{ url: u, title: (l.text ?? u).slice(0, 500) }] : [];
  });
  const clientUrl = httpUrl(e.client_url);
  if (clientUrl) links.unshift({ url: clientUrl, title: e.client ?? "Source" });
  return {
    fingerprint: dedupKeyOf(e),
    action:
      e.event_action === "trigger" ? "firing" : e.event_action === "resolve" ? "resolved" : "acknowledge",
    title: (p?.summary ?? "").slice(0, limits.title),
    description: "",
    labels,
    annotations: details ? { details: details.slice(0, limits.annotationValue) } : {},
    links,
    severity: severityFromText(p?.severity),
    startsAt: instant(p?.timestamp),
    endsAt: null,
    sourceUrl: clientUrl,
    runbookUrl: null,
  };
}
