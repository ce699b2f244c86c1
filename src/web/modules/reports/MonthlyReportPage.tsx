import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTheme } from "../../lib/theme.ts";
import { PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { reportTextQuery, reportUrl } from "./queries.ts";
import { ReportFrame } from "./ReportFrame.tsx";
import { monthlyReportRoute } from "./routes.ts";
import { lastMonth } from "./search.ts";
import "./reports.css";

const downloads = [
  { format: "html", label: "HTML" },
  { format: "md", label: "Markdown" },
  { format: "csv", label: "CSV" },
  { format: "pdf", label: "PDF" },
] as const;

/** The Markdown, fetched only when its tab is opened: most readers never build it. */
function ReportMarkdown({ month }: { month: string }) {
  const markdown = useQuery(reportTextQuery(month, "md"));
  return (
    <QueryState isPending={markdown.isPending} error={markdown.error}>
      <pre className="report-markdown">{markdown.data}</pre>
    </QueryState>
  );
}

/**
 * The monthly operations review, rendered by the server exactly as the CLI and the scheduled mail render
 * it: the HTML in a frame (its own strict CSP: no scripts), the Markdown as text, and downloads of each.
 */
export function MonthlyReportPage() {
  const search = monthlyReportRoute.useSearch();
  const month = search.month ?? lastMonth();
  const navigate = useNavigate({ from: monthlyReportRoute.fullPath });
  const [view, setView] = useState<"html" | "md">("html");
  const { theme } = useTheme();
  return (
    <>
      <PageHeader
        title={`Monthly review ${month}`}
        description="Incidents, MTTA/MTTR trend, top services, alert noise and on-call load of one month (UTC)."
        actions={
          <Link to="/reports" search={{}} className="button">
            KPI dashboard
          </Link>
        }
      />
      <div className="filter-bar">
        <div className="field">
          <label htmlFor="report-month">Month</label>
          <input
            id="report-month"
            type="month"
            value={month}
            onChange={(e) => e.target.value && void navigate({ search: { month: e.target.value } })}
          />
        </div>
        <div className="filter-actions report-downloads">
          {downloads.map((d) => (
            <a key={d.format} className="button button-small" href={reportUrl(month, d.format)} download>
              Download {d.label}
            </a>
          ))}
        </div>
      </div>
      <Panel title="Report">
        <div className="tabs" role="tablist" aria-label="Report view">
          {(["html", "md"] as const).map((v) => (
            <button
              key={v}
              type="button"
              role="tab"
              aria-selected={view === v}
              className={`button button-small ${view === v ? "button-primary" : "button-ghost"}`}
              onClick={() => setView(v)}
            >
              {v === "html" ? "Report" : "Markdown"}
            </button>
          ))}
        </div>
        <ReportFrame key={`${month}-${theme}`} month={month} theme={theme} hidden={view !== "html"} />
        {view === "md" ? <ReportMarkdown month={month} /> : null}
      </Panel>
    </>
  );
}
