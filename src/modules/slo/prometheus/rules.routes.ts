import { z } from "zod";
import type { AppDeps, ZodApp } from "../../../platform/modules.ts";
import { ensurePrometheusEvaluation } from "./evaluation.job.ts";
import { renderPrometheusRules } from "./rules.ts";
import { allDefinitions, prometheusSlos } from "./state.repository.ts";

export const rulesQuery = z.object({
  format: z.enum(["prometheus"]).default("prometheus").describe("the rule format; only `prometheus` so far"),
});

export function prometheusRoutes(app: ZodApp, { db, clock }: AppDeps): void {
  app.get(
    "/api/v1/slos/rules",
    {
      config: { permission: { role: "viewer" } },
      schema: {
        tags: ["slo"],
        description:
          "Prometheus recording and alerting rules (a `rule_files` YAML) for every SLO with a Prometheus indicator.",
        querystring: rulesQuery,
      },
    },
    async (_request, reply) => {
      const { text } = renderPrometheusRules(await allDefinitions(db.read));
      return reply.type("application/yaml; charset=utf-8").send(text);
    },
  );
  // The evaluation chain stops when no Prometheus SLO exists; a starting server picks it up again.
  app.addHook("onReady", async () => {
    if ((await prometheusSlos(db.read)).length > 0)
      await db.write((trx) => ensurePrometheusEvaluation(trx, clock));
  });
}
