import type { Clock } from "../../platform/clock.ts";
import type { Database } from "../../platform/db/database.ts";
import type { ReportFormat } from "./kpis.schema.ts";
import { monthlyReport } from "./monthly-data.ts";
import { reportHtml } from "./report-html.ts";
import { htmlToPdf } from "./report-pdf.ts";
import { reportCsv, reportMarkdown } from "./report-text.ts";

export interface RenderedReport {
  contentType: string;
  extension: string;
  body: string | Buffer;
}

/** The monthly review in one format; CLI, API, UI download and e-mail all come through here. */
export async function renderMonthlyReport(
  db: Database,
  clock: Clock,
  month: string,
  format: ReportFormat,
  theme?: "light" | "dark",
): Promise<RenderedReport> {
  const report = await monthlyReport(db, clock, month);
  switch (format) {
    case "md":
      return { contentType: "text/markdown; charset=utf-8", extension: "md", body: reportMarkdown(report) };
    case "csv":
      return { contentType: "text/csv; charset=utf-8", extension: "csv", body: reportCsv(report) };
    case "html":
      return { contentType: "text/html; charset=utf-8", extension: "html", body: reportHtml(report, theme) };
    case "pdf":
      return { contentType: "application/pdf", extension: "pdf", body: await htmlToPdf(reportHtml(report)) };
    case "json":
      return {
        contentType: "application/json; charset=utf-8",
        extension: "json",
        body: JSON.stringify(report, null, 2),
      };
  }
}
