/** A `kind: ReportSchedule`: when the monthly review is mailed, and to whom. */
export interface ReportScheduleTable {
  name: string;
  /** The normalized spec (what `opsdeck apply` compares against). */
  spec_json: string;
  /** The next delivery's instant; its job carries the same instant and the spec's hash. */
  next_run_at: string;
  updated_at: string;
}

declare module "../../platform/db/tables.ts" {
  interface Tables {
    kpi_report_schedules: ReportScheduleTable;
  }
}
