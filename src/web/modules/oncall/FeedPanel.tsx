import { useMutation } from "@tanstack/react-query";
import { api } from "../../lib/api.ts";
import { formatInstant } from "../../lib/format.ts";
import { CopyButton } from "../../ui/CopyButton.tsx";
import { Panel } from "../../ui/Page.tsx";
import { ProblemMessage } from "../../ui/ProblemMessage.tsx";
import { schedulePath } from "./queries.ts";
import type { FeedView } from "./types.ts";

/** The schedule's secret iCalendar URL: a new one replaces the old, and is shown only once. */
export function FeedPanel(props: { schedule: string; feedCreatedAt: string | null }) {
  const regenerate = useMutation({
    mutationFn: () => api<FeedView>(`${schedulePath(props.schedule)}/feed`, { method: "POST" }),
  });
  return (
    <Panel title="Calendar feed">
      <p className="muted">
        {props.feedCreatedAt
          ? `A feed URL was generated ${formatInstant(props.feedCreatedAt)}. A new one stops the old one at once.`
          : "This schedule has no feed URL yet."}
      </p>
      <ProblemMessage error={regenerate.error} />
      {regenerate.data ? (
        <div className="notice notice-success">
          <p>Copy it now: it is not shown again.</p>
          <div className="secret-row">
            <code className="secret-value">{regenerate.data.url}</code>
            <CopyButton value={regenerate.data.url} />
          </div>
        </div>
      ) : null}
      <button
        type="button"
        className="button"
        disabled={regenerate.isPending}
        onClick={() => regenerate.mutate()}
      >
        {props.feedCreatedAt ? "Regenerate feed URL" : "Generate feed URL"}
      </button>
    </Panel>
  );
}
