import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatInstant } from "../../lib/format.ts";
import { roleAtLeast, type UserView } from "../../lib/types.ts";
import { usersQuery } from "../../platform/auth/queries.ts";
import { EmptyState, Panel } from "../../ui/Page.tsx";
import { ProblemMessage } from "../../ui/ProblemMessage.tsx";
import { review, setReviewers } from "./queries.ts";
import { PmStatusBadge } from "./StatusBadge.tsx";
import type { PostmortemDetail } from "./types.ts";

/**
 * Who must approve before a responder may publish, and what they decided. A reviewer approves or asks for
 * changes here while the postmortem is in review.
 */
export function ReviewersPanel({ postmortem, me }: { postmortem: PostmortemDetail; me: UserView }) {
  const queryClient = useQueryClient();
  const canEdit = roleAtLeast(me.role, "responder") && postmortem.status !== "published";
  const users = useQuery({ ...usersQuery, enabled: canEdit });
  const [candidate, setCandidate] = useState("");
  const [comment, setComment] = useState("");
  const onSuccess = (updated: PostmortemDetail) =>
    queryClient.setQueryData(["postmortems", postmortem.id], updated);
  const change = useMutation({
    mutationFn: (names: string[]) => setReviewers(postmortem.id, names),
    onSuccess,
  });
  const decide = useMutation({
    mutationFn: (decision: "approved" | "changes_requested") => review(postmortem.id, decision, comment),
    onSuccess: (updated) => {
      setComment("");
      onSuccess(updated);
    },
  });
  const names = postmortem.reviewers.map((r) => r.name);
  const mine = postmortem.reviewers.find((r) => r.id === me.id);
  const candidates = (users.data?.items ?? []).filter(
    (u) => !names.includes(u.name) && roleAtLeast(u.role, "responder"),
  );
  return (
    <Panel title="Reviewers">
      {postmortem.reviewers.length === 0 ? (
        <EmptyState>No reviewers: anyone who may respond can publish once it is in review.</EmptyState>
      ) : (
        <ul className="pm-reviewers">
          {postmortem.reviewers.map((r) => (
            <li key={r.id} data-reviewer={r.name}>
              <span>
                <strong>{r.displayName}</strong> <PmStatusBadge status={r.decision} />
                {r.comment ? <span className="muted small pm-review-comment">“{r.comment}”</span> : null}
                {r.decidedAt ? <span className="muted small"> {formatInstant(r.decidedAt)}</span> : null}
              </span>
              {canEdit ? (
                <button
                  type="button"
                  className="button button-small button-ghost"
                  aria-label={`Remove reviewer ${r.name}`}
                  onClick={() => change.mutate(names.filter((n) => n !== r.name))}
                >
                  Remove
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit ? (
        <div className="inline-form">
          <div className="field">
            <label htmlFor="pm-add-reviewer">Add reviewer</label>
            <select id="pm-add-reviewer" value={candidate} onChange={(e) => setCandidate(e.target.value)}>
              <option value="">Choose…</option>
              {candidates.map((u) => (
                <option key={u.id} value={u.name}>
                  {u.displayName} ({u.name})
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="button"
            disabled={!candidate || change.isPending}
            onClick={() => change.mutate([...names, candidate], { onSuccess: () => setCandidate("") })}
          >
            Add
          </button>
        </div>
      ) : null}
      <ProblemMessage error={change.error} />
      {mine && postmortem.status === "in_review" ? (
        <div className="pm-my-review">
          <label htmlFor="pm-review-comment">Your review</label>
          <textarea
            id="pm-review-comment"
            rows={2}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            placeholder="Optional comment"
          />
          <div className="form-actions">
            <button type="button" className="button button-primary" onClick={() => decide.mutate("approved")}>
              Approve
            </button>
            <button type="button" className="button" onClick={() => decide.mutate("changes_requested")}>
              Request changes
            </button>
          </div>
          <ProblemMessage error={decide.error} />
        </div>
      ) : null}
    </Panel>
  );
}
