import { z } from "zod";
import { parseDuration } from "./durations.ts";
import { type CatalogKind, formatRef, namePattern, parseRef, type RefKind } from "./refs.ts";

/** A ref field: parsed with Backstage's default kind for the field, stored formatted (`group:payments`). */
function ref(defaultKind: RefKind | undefined, allowed: readonly RefKind[]) {
  return z
    .string()
    .max(300)
    .transform((text, ctx) => {
      const r = parseRef(text, { defaultKind, allowed });
      if (!r.ok) {
        ctx.addIssue({ code: "custom", message: r.message });
        return z.NEVER;
      }
      return formatRef(r.ref);
    });
}

const refList = (defaultKind: RefKind | undefined, allowed: readonly RefKind[]) =>
  z
    .array(ref(defaultKind, allowed))
    .max(1000)
    .default([])
    .transform((l) => [...new Set(l)].sort());

const duration = z.string().transform((text, ctx) => {
  const r = parseDuration(text);
  if (!r.ok) {
    ctx.addIssue({ code: "custom", message: r.message });
    return z.NEVER;
  }
  return r.iso;
});

const graphKinds = ["service", "component", "resource", "system", "domain", "api"] as const;
const link = z
  .object({
    url: z.url(),
    title: z.string().max(200).optional(),
    icon: z.string().max(100).optional(),
    type: z.string().max(100).optional(),
  })
  .strict();
const labelKey =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-_.A-Za-z0-9]*[A-Za-z0-9])?$/;
/** Backstage's tag rule. */
const tag = z
  .string()
  .max(63)
  .regex(
    /^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/,
    "tags are lower-case letters, digits, ':', '+', '#' joined by single '-'",
  );

/** Every field any catalog kind has; each kind picks its own below. */
const fields = {
  displayName: z.string().min(1).max(200).optional(),
  description: z.string().max(5000).default(""),
  owner: ref("group", ["group", "user"]).optional(),
  type: z.string().min(1).max(63).regex(namePattern, "must follow the entity name rule"),
  lifecycle: z.string().min(1).max(63).regex(namePattern, "must follow the entity name rule").optional(),
  tier: z
    .number({ error: "tier must be 1, 2, 3 or 4 (1 is the most critical)" })
    .int()
    .min(1, "tier must be 1, 2, 3 or 4 (1 is the most critical)")
    .max(4, "tier must be 1, 2, 3 or 4 (1 is the most critical)")
    .optional(),
  rto: duration.optional(),
  rpo: duration.optional(),
  system: ref("system", ["system"]).optional(),
  domain: ref("domain", ["domain"]).optional(),
  subdomainOf: ref("domain", ["domain"]).optional(),
  subcomponentOf: ref("component", ["component", "service"]).optional(),
  dependsOn: refList(undefined, graphKinds),
  dependencyOf: refList(undefined, graphKinds),
  providesApis: refList("api", ["api"]),
  consumesApis: refList("api", ["api"]),
  labels: z
    .record(z.string().max(253).regex(labelKey, "label keys are [prefix/]name"), z.string().max(63))
    .default({}),
  tags: z
    .array(tag)
    .max(100)
    .default([])
    .transform((t) => [...new Set(t)]),
  links: z.array(link).max(100).default([]),
  runbooks: z.array(link).max(100).default([]),
  /** An API's definition; an unfetched Backstage placeholder (`$text: https://...`) is kept as it is. */
  definition: z
    .union([
      z.string().max(1_000_000),
      z
        .object({ $text: z.string().optional(), $json: z.string().optional(), $yaml: z.string().optional() })
        .strict(),
    ])
    .optional(),
};

type Fields = typeof fields;
const pick = <K extends keyof Fields>(...keys: K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, fields[k]])) as Pick<Fields, K>).strict();

const common = ["displayName", "description", "owner", "labels", "tags", "links"] as const;

/** The `spec` of each catalog kind, as written in manifests and sent to the API. */
export const kindSpecs = {
  service: pick(
    ...common,
    "runbooks",
    "lifecycle",
    "tier",
    "rto",
    "rpo",
    "system",
    "dependsOn",
    "dependencyOf",
    "providesApis",
    "consumesApis",
    "subcomponentOf",
  ).extend({ type: fields.type.default("service") }),
  resource: pick(...common, "runbooks", "type", "lifecycle", "system", "dependsOn", "dependencyOf"),
  system: pick(...common, "domain", "type").extend({ type: fields.type.optional() }),
  domain: pick(...common, "subdomainOf", "type").extend({ type: fields.type.optional() }),
  api: pick(...common, "type", "lifecycle", "system", "definition"),
  component: pick(
    ...common,
    "type",
    "lifecycle",
    "system",
    "dependsOn",
    "dependencyOf",
    "providesApis",
    "consumesApis",
    "subcomponentOf",
  ),
} satisfies Record<CatalogKind, z.ZodType>;

type Link = z.output<typeof link>;

/** The normalized spec of any kind: refs formatted, durations canonical, lists de-duplicated. */
export interface EntitySpec {
  displayName?: string;
  description: string;
  owner?: string;
  type?: string;
  lifecycle?: string;
  tier?: number;
  rto?: string;
  rpo?: string;
  system?: string;
  domain?: string;
  subdomainOf?: string;
  subcomponentOf?: string;
  dependsOn?: string[];
  dependencyOf?: string[];
  providesApis?: string[];
  consumesApis?: string[];
  labels: Record<string, string>;
  tags: string[];
  links: Link[];
  runbooks?: Link[];
  definition?: string | Record<string, string | undefined>;
}

/** opsdeck's manifest kind names (`kind: Service`) by API kind. */
export const manifestKindNames: Record<CatalogKind, string> = {
  service: "Service",
  resource: "Resource",
  system: "System",
  domain: "Domain",
  api: "API",
  component: "Component",
};
