import type { z } from "zod";
import type { KindHandler, SpecProblem } from "../../platform/manifests/kinds.ts";
import { type PolicySpec, policySpec } from "./escalation.schema.ts";
import { allPolicyRows, specOf } from "./policies.repository.ts";
import { putPolicy, removePolicy } from "./policies.service.ts";
import { unknownTargets } from "./targets.ts";

const names = (incoming: Map<string, Map<string, unknown>>, kind: string) =>
  new Set(incoming.get(kind)?.keys() ?? []);

/**
 * `kind: EscalationPolicy`, applied after users, teams and schedules, whose documents in the same apply
 * count as existing. Service claims and the default mark are checked on the end state of the apply: a
 * service may move from one policy to another in one apply, but two policies may not end up claiming it.
 */
export const policyKind: KindHandler<PolicySpec> = {
  apiVersion: "opsdeck.dev/v1",
  kind: "EscalationPolicy",
  order: 45,
  spec: policySpec as unknown as z.ZodType<PolicySpec>,
  async current(db) {
    const rows = await allPolicyRows(db);
    return new Map(rows.map((r) => [r.name, specOf(r)]));
  },
  upsert: (db, ctx, name, spec) => putPolicy(db, ctx, name, spec),
  remove: removePolicy,
  async validate(db, name, spec, incoming) {
    const issues = await unknownTargets(db, spec, "spec.", {
      User: names(incoming, "User"),
      Team: names(incoming, "Team"),
      Schedule: names(incoming, "Schedule"),
    });
    const problems: SpecProblem[] = [...issues];
    // The end state: stored policies as the apply leaves them (those in the apply replaced by their documents).
    const endState = new Map<string, PolicySpec>();
    for (const row of await allPolicyRows(db)) endState.set(row.name, specOf(row));
    for (const [other, s] of incoming.get("EscalationPolicy") ?? []) endState.set(other, s as PolicySpec);
    spec.services.forEach((service, i) => {
      const other = [...endState].find(([n, s]) => n !== name && s.services.includes(service));
      if (other)
        problems.push({
          path: `spec.services.${i}`,
          message: `service ${service} is escalated by policy ${other[0]}`,
        });
    });
    const defaults = [...endState].filter(([, s]) => s.default).map(([n]) => n);
    if (spec.default && defaults.length > 1)
      problems.push({
        path: "spec.default",
        message: `only one policy may be the default (${defaults.join(", ")})`,
      });
    return problems;
  },
};
