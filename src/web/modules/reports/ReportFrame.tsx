import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "@tanstack/react-router";
import { type SyntheticEvent, useState } from "react";
import { ApiError, type Problem } from "../../lib/api.ts";
import { meQuery } from "../../lib/session.ts";
import { ProblemMessage } from "../../ui/ProblemMessage.tsx";
import { reportUrl } from "./queries.ts";

/** The problem the server answered in the frame instead of the report (problem+json, not HTML), if any. */
function frameProblem(frame: HTMLIFrameElement): ApiError | null {
  const doc = frame.contentDocument;
  if (!doc || doc.contentType === "text/html") return null;
  // A browser shows JSON as text in a <pre> (Chromium adds a pretty-print control beside it).
  const text = doc.querySelector("pre")?.textContent ?? doc.body?.textContent ?? "";
  try {
    const problem = JSON.parse(text) as Problem;
    return new ApiError({ ...problem, title: problem.title ?? "The report could not be built" });
  } catch {
    return new ApiError({ title: "The report could not be built", status: 0 });
  }
}

/**
 * The server's HTML report in a frame, built once per month and theme: the frame's own answer tells
 * whether it worked, so the page need not fetch another format first to find out. It stays a framed URL:
 * a srcdoc or blob frame would inherit the app's CSP, which blocks the report's inline styles.
 */
export function ReportFrame(props: { month: string; theme: "light" | "dark"; hidden: boolean }) {
  const [outcome, setOutcome] = useState<"loading" | "shown" | ApiError>("loading");
  const queryClient = useQueryClient();
  const router = useRouter();
  const onLoad = (e: SyntheticEvent<HTMLIFrameElement>) => {
    const problem = frameProblem(e.currentTarget);
    setOutcome(problem ?? "shown");
    // The frame's answer bypasses the query cache, whose error handler sends an ended session (401) to
    // the login page: do the same here.
    if (problem?.status === 401 && queryClient.getQueryData(meQuery.queryKey)) {
      queryClient.setQueryData(meQuery.queryKey, null);
      void router.invalidate();
    }
  };
  // One element tree whatever the tab or outcome, so the frame is never re-mounted (and re-built) by them.
  return (
    <div hidden={props.hidden}>
      {outcome instanceof ApiError ? (
        <ProblemMessage error={outcome} />
      ) : (
        <>
          {outcome === "loading" ? (
            <p className="muted" aria-busy="true">
              Loading…
            </p>
          ) : null}
          <iframe
            className="report-frame"
            title={`Operations review ${props.month}`}
            src={reportUrl(props.month, "html", props.theme)}
            hidden={outcome === "loading"}
            onLoad={onLoad}
          />
        </>
      )}
    </div>
  );
}
