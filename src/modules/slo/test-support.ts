import { Worker } from "../../platform/jobs/index.ts";
import type { TestApp } from "../../platform/testing/test-app.ts";
import { sloJobHandlers } from "./evaluate.job.ts";

/** Applies a YAML manifest through the API as a manager; throws with the answer when refused. */
export async function applyYaml(t: TestApp, yaml: string): Promise<void> {
  const res = await t.app.inject({
    method: "POST",
    url: "/api/v1/apply",
    headers: { ...t.as("manager"), "content-type": "application/yaml" },
    payload: yaml,
  });
  if (res.statusCode !== 200) throw new Error(`apply: ${res.statusCode} ${res.body}`);
}

/** Events of consecutive minutes from `start`: `bad` of each minute's `total` fail. */
export function minutes(start: string, count: number, total: number, bad: number) {
  const t0 = Date.parse(start);
  return Array.from({ length: count }, (_, i) => ({
    start: new Date(t0 + i * 60_000).toISOString(),
    good: total - bad,
    total,
  }));
}

export function push(
  t: TestApp,
  name: string,
  events: unknown[],
  role: "responder" | "viewer" = "responder",
) {
  return t.app.inject({
    method: "POST",
    url: `/api/v1/slos/${name}/events`,
    headers: t.as(role),
    payload: { events },
  });
}

/** Runs the due SLO evaluation job(s) once, as the server's worker would at the test clock's time. */
export async function runEvaluation(t: TestApp): Promise<number> {
  const worker = new Worker({
    db: t.database.db,
    clock: t.clock,
    handlers: sloJobHandlers(t.database.db, t.clock),
    owner: "slo-test",
    leaseMs: 60_000,
    pollMs: 1000,
    batch: 10,
  });
  const summary = await worker.runDueJobsOnce();
  await worker.afterCommitsSettled(); // the evaluation itself runs after the job's commit
  if (summary.done !== summary.claimed) throw new Error(`evaluation failed: ${JSON.stringify(summary)}`);
  return summary.claimed;
}
