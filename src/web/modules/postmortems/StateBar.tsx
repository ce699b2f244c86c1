import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMe } from "../../lib/session.ts";
import { roleAtLeast } from "../../lib/types.ts";
import { ProblemMessage } from "../../ui/ProblemMessage.tsx";
import { changeStatus } from "./queries.ts";
import type { PostmortemDetail } from "./types.ts";

/**
 * The moves a person can make from here. Publishing is offered to anyone who may respond; the server says
 * why it refuses (action items without owner or due date, reviewers still to approve), and that is shown.
 */
export function StateBar({ postmortem }: { postmortem: PostmortemDetail }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const move = useMutation({
    mutationFn: (status: string) => changeStatus(postmortem.id, status),
    onSuccess: async (updated) => {
      queryClient.setQueryData(["postmortems", postmortem.id], updated);
      // Lists, the incident page's panel and its timeline all show the state.
      await queryClient.invalidateQueries({ queryKey: ["postmortems"] });
      await queryClient.invalidateQueries({ queryKey: ["incidents"] });
    },
  });
  if (!roleAtLeast(me.role, "responder")) return null;
  const manager = roleAtLeast(me.role, "manager");
  const s = postmortem.status;
  const button = (to: string, label: string, primary = false) => (
    <button
      type="button"
      className={`button ${primary ? "button-primary" : ""}`}
      disabled={move.isPending}
      onClick={() => move.mutate(to)}
    >
      {label}
    </button>
  );
  return (
    <section className="pm-statebar" aria-label="Postmortem state">
      <div className="pm-statebar-buttons">
        {s === "draft" ? button("in_review", "Submit for review", true) : null}
        {s === "in_review" || (s === "draft" && manager)
          ? button("published", "Publish", s === "in_review")
          : null}
        {s === "in_review" ? button("draft", "Back to draft") : null}
        {s === "published" && manager ? button("draft", "Reopen as draft") : null}
        <span className="muted small">
          {s === "draft"
            ? "Write it, then submit it for review."
            : s === "in_review"
              ? "Publishing needs every reviewer's approval (or a manager) and an owner and due date on each action item."
              : "Published: this is the record. A manager can reopen it."}
        </span>
      </div>
      <ProblemMessage error={move.error} />
    </section>
  );
}
