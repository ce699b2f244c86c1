/** One row per schedule; the layers live in `spec_json` (the Schedule spec without `team`, as applied). */
export interface ScheduleTable {
  id: string;
  name: string;
  /** The owning team's name, kept as written: like a catalog owner, it may name a team that comes later. */
  team: string | null;
  spec_json: string;
  created_at: string;
  updated_at: string;
}

/**
 * Every override of a schedule, whether it came from the spec (`source = 'spec'`) or was posted through
 * the API (`source = 'api'`). Keeping both here gives every override a creation time, which decides
 * precedence: where overrides overlap, the later-created wins (`created_at`, then `position`, the order in
 * the spec's list for overrides brought by one apply). Users are kept by name, like schedule participants.
 */
export interface ScheduleOverrideTable {
  id: string;
  schedule_id: string;
  user_name: string;
  /** Instants as fixed-width UTC ISO strings, so text comparison orders them on both engines. */
  start_at: string;
  end_at: string;
  reason: string;
  source: "spec" | "api";
  position: number;
  created_by: string;
  created_at: string;
}

/**
 * Secret calendar feed URLs: one per schedule and one per user. Only a SHA-256 of the token is stored
 * (256 random bits, like API tokens); regenerating replaces the row, which voids the old URL.
 */
export interface FeedTokenTable {
  token_hash: string;
  scope: "schedule" | "user";
  /** The schedule's id (a deleted schedule's feed goes with it), or the user's name (names never change). */
  subject: string;
  created_at: string;
}

declare module "../../platform/db/tables.ts" {
  interface Tables {
    oncall_schedules: ScheduleTable;
    oncall_overrides: ScheduleOverrideTable;
    oncall_feed_tokens: FeedTokenTable;
  }
}
