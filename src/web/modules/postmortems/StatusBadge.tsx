import { statusLabels } from "./types.ts";

const tones: Record<string, string> = {
  draft: "badge",
  in_review: "badge badge-warn",
  published: "badge badge-ok",
  open: "badge",
  in_progress: "badge badge-warn",
  done: "badge badge-ok",
  wont_do: "badge",
  pending: "badge",
  approved: "badge badge-ok",
  changes_requested: "badge badge-danger",
};

export function PmStatusBadge({ status }: { status: string }) {
  return (
    <span className={tones[status] ?? "badge"} data-status={status}>
      {statusLabels[status] ?? status}
    </span>
  );
}
