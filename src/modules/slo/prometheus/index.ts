import type { OpsdeckModule } from "../../../platform/modules.ts";
import { defaultEvaluationLog, evaluateJobType, evaluationHandler } from "./evaluation.job.ts";
import { withPromqlCheck } from "./kind-check.ts";
import { prometheusMigrations } from "./prometheus.migrations.ts";
import { prometheusCommands } from "./rules.cli.ts";
import { prometheusRoutes } from "./rules.routes.ts";
import { prometheusSourceRoutes } from "./source.routes.ts";

export { ensurePrometheusEvaluation } from "./evaluation.job.ts";
export { type PrometheusSourceState, prometheusSourceState } from "./state.repository.ts";

/**
 * Adds the Prometheus source (migration, PromQL check of `kind: SLO`, rules and source routes, the rules
 * CLI, the evaluation job) to the SLO module, so the module's index needs one line:
 * `export const sloModule = withPrometheusSource({ ... })`.
 */
export function withPrometheusSource(module: OpsdeckModule): OpsdeckModule {
  return {
    ...module,
    migrations: [...module.migrations, ...prometheusMigrations],
    routes(app, deps) {
      module.routes?.(app, deps);
      prometheusRoutes(app, deps);
      prometheusSourceRoutes(app, deps);
    },
    kinds: module.kinds?.map(withPromqlCheck),
    commands: [...(module.commands ?? []), ...prometheusCommands],
    jobHandlers: (deps) => ({
      ...module.jobHandlers?.(deps),
      [evaluateJobType]: evaluationHandler({ ...deps, log: defaultEvaluationLog(deps.config.logLevel) }),
    }),
  };
}
