/**
 * Small inline SVG charts for the report: no scripts, no external assets, so the HTML file is whole by
 * itself (mail, PDF, archive) and passes a strict CSP.
 */

export const escapeHtml = (s: string) =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

const W = 560;
const H = 180;
const pad = { left: 44, right: 28, top: 12, bottom: 36 };

function axisMax(values: number[]): number {
  const max = Math.max(1, ...values);
  const step = 10 ** Math.floor(Math.log10(max));
  return Math.ceil(max / step) * step;
}

/** Vertical bars with their value on top; `title` is the chart's accessible name. */
export function barChart(title: string, points: { label: string; value: number }[]): string {
  const max = axisMax(points.map((p) => p.value));
  const innerW = W - pad.left - pad.right;
  const innerH = H - pad.top - pad.bottom;
  const slot = innerW / Math.max(1, points.length);
  const bars = points
    .map((p, i) => {
      const h = (p.value / max) * innerH;
      const x = pad.left + i * slot + slot * 0.15;
      const y = pad.top + innerH - h;
      return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(slot * 0.7).toFixed(1)}" height="${h.toFixed(1)}" class="bar"><title>${escapeHtml(p.label)}: ${p.value}</title></rect><text x="${(x + slot * 0.35).toFixed(1)}" y="${(y - 3).toFixed(1)}" class="v">${p.value}</text><text x="${(x + slot * 0.35).toFixed(1)}" y="${H - pad.bottom + 14}" class="l">${escapeHtml(p.label)}</text>`;
    })
    .join("");
  return frame(title, max, `${bars}`);
}

/** Lines over the same x labels; a null is a gap (no incidents to measure), not a zero. */
export function lineChart(
  title: string,
  labels: string[],
  series: { name: string; cls: string; values: (number | null)[]; format: (v: number) => string }[],
): string {
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = axisMax(all);
  const innerW = W - pad.left - pad.right;
  const innerH = H - pad.top - pad.bottom;
  const x = (i: number) => pad.left + (labels.length === 1 ? innerW / 2 : (i * innerW) / (labels.length - 1));
  const y = (v: number) => pad.top + innerH - (v / max) * innerH;
  const lines = series
    .map((s) => {
      let d = "";
      let pen = false;
      s.values.forEach((v, i) => {
        if (v === null) {
          pen = false;
          return;
        }
        d += `${pen ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)} `;
        pen = true;
      });
      const dots = s.values
        .map((v, i) =>
          v === null
            ? ""
            : `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" class="${s.cls}"><title>${escapeHtml(`${s.name} ${labels[i]}: ${s.format(v)}`)}</title></circle>`,
        )
        .join("");
      return `<path d="${d.trim()}" class="line ${s.cls}"/>${dots}`;
    })
    .join("");
  const xLabels = labels
    .map(
      (l, i) => `<text x="${x(i).toFixed(1)}" y="${H - pad.bottom + 14}" class="l">${escapeHtml(l)}</text>`,
    )
    .join("");
  const legend = series
    .map(
      (s, i) =>
        `<text x="${pad.left + i * 110}" y="${H - 4}" class="legend ${s.cls}">■ ${escapeHtml(s.name)}</text>`,
    )
    .join("");
  return frame(title, max, lines + xLabels + legend, (v) => series[0]?.format(v) ?? String(v));
}

function frame(title: string, max: number, body: string, fmt: (v: number) => string = String): string {
  const innerH = H - pad.top - pad.bottom;
  const grid = [0, 0.5, 1]
    .map((f) => {
      const yy = pad.top + innerH - f * innerH;
      return `<line x1="${pad.left}" x2="${W - pad.right}" y1="${yy}" y2="${yy}" class="grid"/><text x="${pad.left - 4}" y="${yy + 4}" class="axis">${escapeHtml(fmt(max * f))}</text>`;
    })
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(title)}" class="chart"><title>${escapeHtml(title)}</title>${grid}${body}</svg>`;
}
