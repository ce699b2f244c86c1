import type { KindHandler } from "../../../platform/manifests/kinds.ts";
import type { SloDefinition } from "../model.ts";
import { prometheusIndicatorIssues } from "./rules.ts";

/**
 * Adds the PromQL form check to the `kind: SLO` handler's spec schema, so `opsdeck apply` refuses a query
 * that cannot be an event count before anything is written, naming file, line and field
 * (`spec.indicator.prometheus.bad`). Whether Prometheus itself accepts a query is learnt at evaluation
 * (an apply has no configuration and must not wait on the network inside its transaction).
 */
export function withPromqlCheck<Spec>(kind: KindHandler<Spec>): KindHandler<Spec> {
  if (kind.apiVersion !== "opsdeck.dev/v1" || kind.kind !== "SLO") return kind;
  return {
    ...kind,
    spec: kind.spec.superRefine((value, ctx) => {
      const indicator = (value as Partial<SloDefinition> | undefined)?.indicator;
      if (indicator?.kind !== "prometheus") return;
      for (const issue of prometheusIndicatorIssues(indicator)) {
        const field = issue.path.split(".").at(-1) ?? "total";
        ctx.addIssue({ code: "custom", path: ["indicator", "prometheus", field], message: issue.message });
      }
    }),
  };
}
