import { duration } from "./format.ts";

const W = 520;
const H = 170;
const pad = { left: 48, right: 28, top: 12, bottom: 28 };

function niceMax(values: number[]): number {
  const max = Math.max(1, ...values);
  const step = 10 ** Math.floor(Math.log10(max));
  return Math.ceil(max / step) * step;
}

/** Incidents per month as bars: simple inline SVG that follows the theme through CSS variables. */
export function CountBars({ title, points }: { title: string; points: { label: string; value: number }[] }) {
  const max = niceMax(points.map((p) => p.value));
  const innerW = W - pad.left - pad.right;
  const innerH = H - pad.top - pad.bottom;
  const slot = innerW / Math.max(1, points.length);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="trend-chart" role="img" aria-label={title}>
      <title>{title}</title>
      <Grid max={max} format={String} />
      {points.map((p, i) => {
        const h = (p.value / max) * innerH;
        const x = pad.left + i * slot + slot * 0.15;
        return (
          <g key={p.label}>
            <rect x={x} y={pad.top + innerH - h} width={slot * 0.7} height={h} className="bar">
              <title>{`${p.label}: ${p.value}`}</title>
            </rect>
            <text x={x + slot * 0.35} y={H - pad.bottom + 14} className="label">
              {p.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** MTTA and MTTR means per month as lines; a month without measurements is a gap, not a zero. */
export function DurationLines(props: {
  title: string;
  labels: string[];
  series: { name: string; className: string; values: (number | null)[] }[];
}) {
  const max = niceMax(props.series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const innerW = W - pad.left - pad.right;
  const innerH = H - pad.top - pad.bottom;
  const n = props.labels.length;
  const x = (i: number) => pad.left + (n === 1 ? innerW / 2 : (i * innerW) / (n - 1));
  const y = (v: number) => pad.top + innerH - (v / max) * innerH;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="trend-chart" role="img" aria-label={props.title}>
      <title>{props.title}</title>
      <Grid max={max} format={duration} />
      {props.series.map((s) => {
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
        return (
          <g key={s.name} className={s.className}>
            <path d={d.trim()} className="line" />
            {s.values.map((v, i) =>
              v === null ? null : (
                <circle key={props.labels[i]} cx={x(i)} cy={y(v)} r={3}>
                  <title>{`${s.name} ${props.labels[i]}: ${duration(v)}`}</title>
                </circle>
              ),
            )}
          </g>
        );
      })}
      {props.labels.map((l, i) => (
        <text key={l} x={x(i)} y={H - pad.bottom + 14} className="label">
          {l}
        </text>
      ))}
    </svg>
  );
}

function Grid({ max, format }: { max: number; format: (v: number) => string }) {
  const innerH = H - pad.top - pad.bottom;
  return (
    <>
      {[0, 0.5, 1].map((f) => {
        const yy = pad.top + innerH - f * innerH;
        return (
          <g key={f}>
            <line x1={pad.left} x2={W - pad.right} y1={yy} y2={yy} className="grid" />
            <text x={pad.left - 4} y={yy + 4} className="axis">
              {format(max * f)}
            </text>
          </g>
        );
      })}
    </>
  );
}
