/** One postmortem per incident. `sections_json` maps a section key to its Markdown. */
export interface PostmortemTable {
  id: string;
  incident_id: string;
  title: string;
  status: string;
  sections_json: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  published_at: string | null;
  published_by: string | null;
}

/** A user who must approve before a responder may publish. `decision` is pending, approved or changes_requested. */
export interface PostmortemReviewerTable {
  postmortem_id: string;
  user_id: string;
  decision: string;
  comment: string;
  decided_at: string | null;
}

/**
 * A follow-up of a postmortem. `incident_id` is copied from the postmortem so overdue lists and KPIs filter
 * without a join. `due_date` is a calendar date (YYYY-MM-DD), not an instant: "due Friday" everywhere.
 */
export interface ActionItemTable {
  id: string;
  postmortem_id: string;
  incident_id: string;
  position: number;
  title: string;
  owner_user_id: string | null;
  owner_team: string | null;
  due_date: string | null;
  priority: string;
  status: string;
  external_url: string | null;
  completed_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A runbook: its current title and body live in `runbook_versions` at `current_version`. */
export interface RunbookTable {
  id: string;
  name: string;
  services_json: string;
  match_json: string;
  current_version: number;
  created_at: string;
  updated_at: string;
}

/** Every saved body of a runbook; versions are never changed or deleted while the runbook exists. */
export interface RunbookVersionTable {
  runbook_id: string;
  version: number;
  title: string;
  body: string;
  author: string;
  message: string;
  created_at: string;
}

declare module "../../platform/db/tables.ts" {
  interface Tables {
    postmortems: PostmortemTable;
    postmortem_reviewers: PostmortemReviewerTable;
    action_items: ActionItemTable;
    runbooks: RunbookTable;
    runbook_versions: RunbookVersionTable;
  }
}
