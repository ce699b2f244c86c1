/** API shapes, type-only from the server's zod schemas: a contract change fails `npm run typecheck`. */
export type {
  ActionItemView,
  PostmortemDetail,
  PostmortemSummary,
} from "../../../modules/postmortems/postmortems.schema.ts";
export type {
  DiffView,
  IncidentRunbookView,
  RunbookDetail,
  RunbookSummary,
} from "../../../modules/postmortems/runbooks.schema.ts";

export const postmortemStatuses = ["draft", "in_review", "published"] as const;
export type PostmortemStatus = (typeof postmortemStatuses)[number];
export const actionItemStatuses = ["open", "in_progress", "done", "wont_do"] as const;
export const actionItemPriorities = ["P1", "P2", "P3", "P4"] as const;

export const statusLabels: Record<string, string> = {
  draft: "Draft",
  in_review: "In review",
  published: "Published",
  open: "Open",
  in_progress: "In progress",
  done: "Done",
  wont_do: "Won't do",
  pending: "Pending",
  approved: "Approved",
  changes_requested: "Changes requested",
};

export interface RunbookVersion {
  version: number;
  title: string;
  author: string;
  message: string;
  createdAt: string;
  lines: number;
}
