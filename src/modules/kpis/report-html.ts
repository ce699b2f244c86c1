import type { MonthlyReport } from "./monthly-data.ts";
import { barChart, escapeHtml, lineChart } from "./report-svg.ts";
import { emptyLine, humanDuration, percent } from "./report-text.ts";

const style = `
:root{color-scheme:light dark;--fg:#1d232b;--muted:#5b6573;--line:#d5dbe3;--accent:#2f6fde;--accent2:#d9822b;--bg:#fff}
@media (prefers-color-scheme:dark){:root{--fg:#e6e9ee;--muted:#9aa4b2;--line:#38414d;--accent:#6ea0ff;--accent2:#f0a45c;--bg:#161a20}}
:root.light{color-scheme:light;--fg:#1d232b;--muted:#5b6573;--line:#d5dbe3;--accent:#2f6fde;--accent2:#d9822b;--bg:#fff}
:root.dark{color-scheme:dark;--fg:#e6e9ee;--muted:#9aa4b2;--line:#38414d;--accent:#6ea0ff;--accent2:#f0a45c;--bg:#161a20}
body{font:14px/1.45 system-ui,sans-serif;color:var(--fg);background:var(--bg);max-width:960px;margin:24px auto;padding:0 16px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid var(--line);padding-bottom:4px}
table{border-collapse:collapse;margin:8px 0}th,td{border-bottom:1px solid var(--line);padding:4px 10px;text-align:left}
td.num,th.num{text-align:right}.muted{color:var(--muted)}.empty{font-weight:600}
.chart{width:100%;max-width:560px;height:auto;display:block;margin:8px 0}
.chart .bar{fill:var(--accent)}.chart .grid{stroke:var(--line)}.chart text{font-size:10px;fill:var(--muted)}
.chart .v,.chart .l{text-anchor:middle}.chart .axis{text-anchor:end}
.chart .line{fill:none;stroke-width:2}.chart .line.a{stroke:var(--accent)}.chart .line.b{stroke:var(--accent2)}
.chart circle.a{fill:var(--accent)}.chart circle.b{fill:var(--accent2)}.chart .legend.a{fill:var(--accent)}.chart .legend.b{fill:var(--accent2)}
@media print{body{margin:0}h2{break-after:avoid}.chart{break-inside:avoid}}
`;

function table(header: string[], rows: (string | number)[][], numeric: number[] = []): string {
  const cell = (tag: string, v: string | number, i: number) =>
    `<${tag}${numeric.includes(i) ? ' class="num"' : ""}>${escapeHtml(String(v))}</${tag}>`;
  return `<table><thead><tr>${header.map((h, i) => cell("th", h, i)).join("")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((v, i) => cell("td", v, i)).join("")}</tr>`)
    .join("")}</tbody></table>`;
}

/** The whole report as one self-contained HTML document (styles inline, charts as inline SVG). */
export function reportHtml(r: MonthlyReport, theme?: "light" | "dark"): string {
  const i = r.incidents;
  const parts: string[] = [
    `<h1>Monthly operations review: ${escapeHtml(r.month)}</h1>`,
    `<p class="muted">Period ${escapeHtml(r.from)} to ${escapeHtml(r.to)} (UTC). Generated ${escapeHtml(r.generatedAt)}.</p>`,
    "<h2>Incidents</h2>",
  ];
  if (i.total === 0) parts.push(`<p class="empty" data-empty="incidents">${escapeHtml(emptyLine(r))}</p>`);
  else
    parts.push(
      `<p><strong data-figure="incidents">${i.total}</strong> incidents (${i.imported} imported).</p>`,
      table(
        ["", "Mean", "Median", "n"],
        [
          ["MTTA", humanDuration(i.mtta.mean), humanDuration(i.mtta.median), i.mtta.n],
          ["MTTR", humanDuration(i.mttr.mean), humanDuration(i.mttr.median), i.mttr.n],
        ],
        [1, 2, 3],
      ),
      table(
        ["Severity", "Incidents"],
        i.bySeverity.map((s) => [s.key, s.n]),
        [1],
      ),
      "<h2>Incidents per week</h2>",
      barChart(
        "Incidents per week",
        r.weeks.map((w) => ({ label: w.weekStart.slice(5), value: w.n })),
      ),
      "<h2>Top services by incidents</h2>",
      barChart(
        "Top services by incidents",
        r.topServices.map((s, n) => ({ label: `#${n + 1}`, value: s.n })),
      ),
      table(
        ["#", "Service", "Incidents"],
        r.topServices.map((s, n) => [n + 1, s.service, s.n]),
        [0, 2],
      ),
    );
  const hours = (v: number) => humanDuration(v);
  parts.push(
    "<h2>MTTA and MTTR, last 6 months</h2>",
    lineChart(
      "MTTA and MTTR (mean), last 6 months",
      r.trend.map((t) => t.month),
      [
        { name: "MTTA", cls: "a", values: r.trend.map((t) => t.mtta), format: hours },
        { name: "MTTR", cls: "b", values: r.trend.map((t) => t.mttr), format: hours },
      ],
    ),
    table(
      ["Month", "Incidents", "MTTA (mean)", "MTTR (mean)"],
      r.trend.map((t) => [t.month, t.incidents, humanDuration(t.mtta), humanDuration(t.mttr)]),
      [1, 2, 3],
    ),
    "<h2>Alert noise</h2>",
  );
  if (r.noise.alerts === 0) parts.push(`<p class="empty">No alerts in ${escapeHtml(r.month)}.</p>`);
  else
    parts.push(
      `<p>${r.noise.alerts} alerts; ${percent(r.noise.resolvedWithoutAck.share)} of the ${r.noise.resolvedWithoutAck.resolved} resolved ones were never acknowledged; ${r.noise.flapping.length} flapping.</p>`,
      barChart(
        "Top alerts by count",
        r.noise.topAlerts.map((a, n) => ({ label: `#${n + 1}`, value: a.n })),
      ),
      table(
        ["#", "Alert", "Fired"],
        r.noise.topAlerts.map((a, n) => [n + 1, a.key, a.n]),
        [0, 2],
      ),
    );
  parts.push("<h2>On-call load</h2>");
  if (r.pages.length === 0) parts.push(`<p class="empty">No pages in ${escapeHtml(r.month)}.</p>`);
  else
    parts.push(
      table(
        ["Person", "Pages", "Outside working hours", "22:00-07:00"],
        r.pages.map((p) => [p.person, p.pages, p.outsideWorkingHours, p.night]),
        [1, 2, 3],
      ),
    );
  parts.push('<p class="muted">Definitions of every figure: docs/kpis.md in the opsdeck documentation.</p>');
  return `<!doctype html><html lang="en"${theme ? ` class="${theme}"` : ""}><head><meta charset="utf-8"><title>Operations review ${escapeHtml(r.month)}</title><style>${style}</style></head><body>${parts.join("\n")}</body></html>\n`;
}
