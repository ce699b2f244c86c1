import type { MonthlyReport } from "./monthly-data.ts";

/** `5400` -> `1h 30m`; null (nothing to measure) -> `—`, never `0`. */
export function humanDuration(seconds: number | null): string {
  if (seconds === null) return "—";
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  return rest ? `${m}m ${rest}s` : `${m}m`;
}

export const percent = (share: number | null) => (share === null ? "—" : `${(share * 100).toFixed(1)}%`);

export const emptyLine = (r: MonthlyReport) => `No incidents in ${r.month}.`;

function table(header: string[], rows: (string | number)[][]): string {
  const esc = (v: string | number) => String(v).replaceAll("|", "\\|");
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.map(esc).join(" | ")} |`),
  ].join("\n");
}

/** The report as Markdown: the same sections as the HTML, tables instead of charts. */
export function reportMarkdown(r: MonthlyReport): string {
  const i = r.incidents;
  const out = [
    `# Monthly operations review: ${r.month}`,
    "",
    `Period ${r.from} to ${r.to} (UTC). Generated ${r.generatedAt}.`,
    "",
  ];
  out.push("## Incidents", "");
  if (i.total === 0) out.push(emptyLine(r), "");
  else {
    out.push(
      `${i.total} incidents (${i.imported} imported).`,
      "",
      table(
        ["", "Mean", "Median", "n"],
        [
          ["MTTA", humanDuration(i.mtta.mean), humanDuration(i.mtta.median), i.mtta.n],
          ["MTTR", humanDuration(i.mttr.mean), humanDuration(i.mttr.median), i.mttr.n],
        ],
      ),
      "",
      table(
        ["Severity", "Incidents"],
        i.bySeverity.map((s) => [s.key, s.n]),
      ),
      "",
      "### Incidents per week",
      "",
      table(
        ["Week of", "Incidents"],
        r.weeks.map((w) => [w.weekStart, w.n]),
      ),
      "",
      "### Top services by incidents",
      "",
      table(
        ["Service", "Incidents"],
        r.topServices.map((s) => [s.service, s.n]),
      ),
      "",
    );
  }
  out.push(
    "## MTTA and MTTR, last 6 months",
    "",
    table(
      ["Month", "Incidents", "MTTA (mean)", "MTTR (mean)"],
      r.trend.map((t) => [t.month, t.incidents, humanDuration(t.mtta), humanDuration(t.mttr)]),
    ),
    "",
    "## Alert noise",
    "",
  );
  if (r.noise.alerts === 0) out.push(`No alerts in ${r.month}.`, "");
  else
    out.push(
      `${r.noise.alerts} alerts; ${percent(r.noise.resolvedWithoutAck.share)} of the ${r.noise.resolvedWithoutAck.resolved} resolved ones were never acknowledged; ${r.noise.flapping.length} flapping.`,
      "",
      table(
        ["Alert", "Fired"],
        r.noise.topAlerts.map((a) => [a.key, a.n]),
      ),
      "",
    );
  out.push("## On-call load", "");
  if (r.pages.length === 0) out.push(`No pages in ${r.month}.`, "");
  else
    out.push(
      table(
        ["Person", "Pages", "Outside working hours", "22:00-07:00"],
        r.pages.map((p) => [p.person, p.pages, p.outsideWorkingHours, p.night]),
      ),
      "",
    );
  out.push(
    "Definitions: docs/kpis.md. Durations are from trigger to first acknowledgement (MTTA) and to resolution (MTTR).",
    "",
  );
  return out.join("\n");
}

/**
 * One CSV field. Text that a spreadsheet would run as a formula (alert titles come from outside: `=cmd…`)
 * gets a leading apostrophe, the usual defence against CSV injection; numbers stay numbers.
 */
export function csvField(v: string | number | null): string {
  let s = v === null ? "" : String(v);
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The report as long-form CSV (`section,key,metric,value`): one figure per row, durations in seconds. */
export function reportCsv(r: MonthlyReport): string {
  const rows: (string | number | null)[][] = [["section", "key", "metric", "value"]];
  const i = r.incidents;
  rows.push(
    ["summary", r.month, "incidents", i.total],
    ["summary", r.month, "imported_incidents", i.imported],
  );
  for (const [name, f] of [
    ["mtta", i.mtta],
    ["mttr", i.mttr],
  ] as const)
    rows.push(
      ["summary", r.month, `${name}_mean_seconds`, f.mean],
      ["summary", r.month, `${name}_median_seconds`, f.median],
      ["summary", r.month, `${name}_n`, f.n],
    );
  for (const s of i.bySeverity) rows.push(["severity", s.key, "incidents", s.n]);
  for (const w of r.weeks) rows.push(["week", w.weekStart, "incidents", w.n]);
  for (const t of r.trend)
    rows.push(
      ["trend", t.month, "incidents", t.incidents],
      ["trend", t.month, "mtta_mean_seconds", t.mtta],
      ["trend", t.month, "mttr_mean_seconds", t.mttr],
    );
  for (const s of r.topServices) rows.push(["service", s.service, "incidents", s.n]);
  rows.push(["alerts", r.month, "alerts", r.noise.alerts]);
  rows.push(["alerts", r.month, "resolved_without_ack_share", r.noise.resolvedWithoutAck.share]);
  for (const a of r.noise.topAlerts) rows.push(["top_alert", a.key, "fired", a.n]);
  for (const f of r.noise.flapping) rows.push(["flapping_alert", f.key, "reopens", f.reopens]);
  for (const p of r.pages)
    rows.push(
      ["pages", p.person, "pages", p.pages],
      ["pages", p.person, "outside_working_hours", p.outsideWorkingHours],
      ["pages", p.person, "night", p.night],
    );
  return `${rows.map((row) => row.map(csvField).join(",")).join("\r\n")}\r\n`;
}
