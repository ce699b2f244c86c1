export { jobMigrations } from "./jobs.migrations.ts";
export { countJobs, enqueueJob, findJob, type JobRow } from "./jobs.repository.ts";
export {
  type BackoffPolicy,
  defaultBackoff,
  defaultMaxAttempts,
  type JobCounts,
  type JobHandler,
  type JobInfo,
  type JobResult,
  type JobSpec,
  type JobStatus,
  mergeJobHandlers,
  retryDelayMs,
} from "./jobs.ts";
export { ensureRetention, platformRetention, type RetentionRule, retentionJobHandlers } from "./retention.ts";
export { defaultWorkerOwner, type JobLog, type RunSummary, Worker, type WorkerOptions } from "./worker.ts";
