import type { JobHandler } from "../../platform/jobs/index.ts";
import type { AppDeps } from "../../platform/modules.ts";
import { smtpTransport } from "../notify/index.ts";
import { monthlyReport } from "./monthly-data.ts";
import { reportHtml } from "./report-html.ts";
import { reportCsv, reportMarkdown } from "./report-text.ts";
import {
  type DeliveryPayload,
  planNext,
  type ReportScheduleSpec,
  reportJobType,
  specHash,
} from "./schedule.kind.ts";
import { reportedMonth } from "./schedule.next.ts";

/** How long one SMTP exchange may take before the job fails and is retried. */
const smtpTimeoutMs = 30_000;

/**
 * Mails one scheduled report through the notify module's SMTP transport (OPSDECK_SMTP_URL /
 * OPSDECK_SMTP_FROM), then plans the next delivery in the same transaction. The mail is
 * sent inside the job so that a failure (server down, crash) is retried by the job's own attempts; the
 * Message-ID comes from the job id, so a repeat after a crash between send and commit collapses in mail
 * clients (docs/adr/0015). A stale job (schedule removed or changed) does nothing.
 */
export function reportJobHandlers(deps: AppDeps): Record<string, JobHandler> {
  return {
    [reportJobType]: async (trx, payload, job) => {
      const p = payload as DeliveryPayload;
      const row = await trx
        .selectFrom("kpi_report_schedules")
        .select(["spec_json"])
        .where("name", "=", p.name)
        .executeTakeFirst();
      if (!row) return;
      const spec = JSON.parse(row.spec_json) as ReportScheduleSpec;
      if (specHash(spec) !== p.specHash) return;
      const { smtpUrl, smtpFrom } = deps.config;
      if (!smtpUrl)
        throw new Error("no SMTP server configured (OPSDECK_SMTP_URL): the report cannot be mailed");
      const month = reportedMonth(new Date(p.dueAt), spec.timeZone);
      // Reads committed data through the database's readers; only the next job goes through `trx`.
      const report = await monthlyReport(deps.db, deps.clock, month);
      const transport = smtpTransport(smtpUrl, smtpTimeoutMs);
      try {
        await transport.sendMail({
          from: smtpFrom,
          to: spec.to,
          subject: `Operations review ${month}${report.incidents.total === 0 ? " (no incidents)" : ""}`,
          text: reportMarkdown(report),
          ...(spec.format === "html" ? { html: reportHtml(report) } : {}),
          attachments: [
            {
              filename: `operations-review-${month}.csv`,
              content: reportCsv(report),
              contentType: "text/csv",
            },
          ],
          messageId: `<report-${job.id}@opsdeck>`,
          headers: { "X-Opsdeck-Report": `${p.name} ${month}` },
        });
      } finally {
        transport.close();
      }
      await planNext(trx, deps.clock, p.name, spec, new Date(p.dueAt));
    },
  };
}
