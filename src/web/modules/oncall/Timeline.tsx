import { colourSlot, TIMELINE_DAYS, type TimelineRow } from "./timeline.ts";

const LABEL = 150;
const WIDTH = 1120;
const ROW = 34;
const HEAD = 28;
const dayLabel = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric" });
const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** Two weeks of a schedule as SVG: one row per layer, the overrides and the final schedule. */
export function Timeline(props: { rows: TimelineRow[]; from: Date; to: Date; now: Date; users: string[] }) {
  const { rows, from, to, now, users } = props;
  const span = to.getTime() - from.getTime();
  const x = (t: number) =>
    LABEL + ((Math.min(Math.max(t, from.getTime()), to.getTime()) - from.getTime()) / span) * (WIDTH - LABEL);
  const height = HEAD + rows.length * ROW + 4;
  const days = Array.from({ length: TIMELINE_DAYS }, (_, i) => {
    const d = new Date(from);
    d.setDate(d.getDate() + i);
    return d;
  });
  const nowX = x(now.getTime());
  return (
    <figure className="oncall-timeline">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={`Timeline from ${when.format(from)} to ${when.format(to)}`}
        preserveAspectRatio="none"
      >
        {days.map((d) => (
          <g key={d.toISOString()} className="timeline-day">
            <line x1={x(d.getTime())} x2={x(d.getTime())} y1={HEAD - 6} y2={height} />
            <text x={x(d.getTime()) + 4} y={HEAD - 10}>
              {dayLabel.format(d)}
            </text>
          </g>
        ))}
        {rows.map((row, i) => {
          const y = HEAD + i * ROW;
          return (
            <g key={row.key} className={`timeline-row timeline-${row.kind}`} data-row={row.key}>
              <text className="timeline-label" x={8} y={y + ROW / 2 + 4}>
                {row.label}
              </text>
              {row.bars.map((bar) => {
                const x1 = x(Date.parse(bar.start));
                const x2 = x(Date.parse(bar.end));
                if (x2 <= x1) return null;
                return (
                  <g
                    key={`${bar.user}-${bar.start}`}
                    className={`timeline-bar slot-${colourSlot(bar.user, users)}`}
                    data-user={bar.user}
                  >
                    <title>{`${bar.user}: ${when.format(new Date(bar.start))} – ${when.format(new Date(bar.end))}`}</title>
                    <rect x={x1} y={y + 4} width={x2 - x1} height={ROW - 8} rx={4} />
                    {x2 - x1 > 44 ? (
                      <text x={x1 + 6} y={y + ROW / 2 + 4}>
                        {bar.user}
                      </text>
                    ) : null}
                  </g>
                );
              })}
            </g>
          );
        })}
        <line className="timeline-now" x1={nowX} x2={nowX} y1={HEAD - 6} y2={height} />
      </svg>
      <figcaption className="muted small">
        Each layer on its own, the overrides, then the final schedule (later layers win, overrides win over
        every layer). The red line is now.
      </figcaption>
    </figure>
  );
}
