import { z } from "zod";
import { entityName } from "../../platform/schema-common.ts";
import { severities } from "../incidents/index.ts";
import { formatMatcher, parseMatchers } from "./matchers.ts";

export const integrationTypes = ["alertmanager", "grafana", "pagerduty", "webhook"] as const;
export type IntegrationType = (typeof integrationTypes)[number];

const labelName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_.\-/]*$/, "must be a label name")
  .max(256);

/** Matchers as written (one string per matcher, or `{a="b", c=~"d"}` sets), stored in canonical form. */
export const matcherList = z
  .union([z.string().max(4000), z.array(z.string().max(4000)).max(50)])
  .transform((input, ctx) => {
    const parsed = parseMatchers(input);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    }
    return parsed.value.map(formatMatcher);
  });

/** A routing rule: the first whose matchers all hold decides; fields it leaves out come from the integration. */
export const routeRule = z
  .object({
    match: matcherList,
    service: entityName.optional(),
    severity: z.enum(severities).optional(),
    groupBy: z.array(labelName).max(20).optional(),
  })
  .strict();

/** The `spec` of `kind: Integration`. The key is not part of it: opsdeck makes one and keeps it across applies. */
export const integrationSpec = z
  .object({
    type: z.enum(integrationTypes),
    description: z.string().max(2000).default(""),
    /** The service alerts belong to unless a rule says otherwise. */
    service: entityName,
    /** For alerts that carry no severity of their own. */
    severity: z.enum(severities).default("SEV3"),
    /** Alerts of one service with equal values of these labels share an open incident. */
    groupBy: z.array(labelName).max(20).default(["alertname"]),
    routes: z.array(routeRule).max(200).default([]),
  })
  .strict();

export type IntegrationSpec = z.output<typeof integrationSpec>;

export const integrationSummary = z.object({
  name: z.string(),
  type: z.enum(integrationTypes),
  description: z.string(),
  service: z.string(),
  url: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** The stored spec as the API shows it (matchers already in canonical form, so no transform here). */
const specView = z.object({
  type: z.enum(integrationTypes),
  description: z.string(),
  service: z.string(),
  severity: z.enum(severities),
  groupBy: z.array(z.string()),
  routes: z.array(
    z.object({
      match: z.array(z.string()),
      service: z.string().optional(),
      severity: z.enum(severities).optional(),
      groupBy: z.array(z.string()).optional(),
    }),
  ),
});

/** What a manager copies into the sender's configuration. */
export const integrationDetail = integrationSummary.extend({
  key: z.string(),
  spec: specView,
});

export const createIntegrationBody = integrationSpec.extend({ name: entityName }).strict();

export type IntegrationSummary = z.output<typeof integrationSummary>;
export type IntegrationDetail = z.output<typeof integrationDetail>;
