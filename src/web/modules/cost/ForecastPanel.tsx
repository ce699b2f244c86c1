import { useQuery } from "@tanstack/react-query";
import { EmptyState, Panel, QueryState } from "../../ui/Page.tsx";
import { formatMoney, isUnallocatedKey } from "./format.ts";
import { forecastQuery } from "./queries.ts";
import type { Amount } from "./types.ts";

const monthName = new Intl.DateTimeFormat(undefined, { month: "long", year: "numeric", timeZone: "UTC" });
export const monthLabel = (month: string) => monthName.format(new Date(`${month}-01T00:00:00Z`));

interface Figures {
  actualToDate: Amount;
  forecast: Amount;
  low: Amount;
  high: Amount;
}

/** Actual so far, the forecast and its interval on one scale: where the month is likely to end. */
export function ForecastBar({ figures, budget }: { figures: Figures; budget?: Amount }) {
  const values = [figures.actualToDate, figures.forecast, figures.high, budget ?? "0"].map(Number);
  const scale = Math.max(...values, 1) * 1.05;
  const x = (v: Amount) => Math.max(0, Math.min(400, (Number(v) / scale) * 400));
  return (
    <svg className="forecast-bar" viewBox="0 0 400 22" preserveAspectRatio="none" aria-hidden="true">
      <rect className="forecast-track" width={400} height={22} rx={4} />
      <rect
        className="forecast-range"
        x={x(figures.low)}
        width={Math.max(1, x(figures.high) - x(figures.low))}
        y={3}
        height={16}
      />
      <rect className="forecast-actual" width={x(figures.actualToDate)} y={5} height={12} rx={2} />
      <line className="forecast-point" x1={x(figures.forecast)} x2={x(figures.forecast)} y1={0} y2={22} />
      {budget ? <line className="forecast-budget" x1={x(budget)} x2={x(budget)} y1={0} y2={22} /> : null}
    </svg>
  );
}

/**
 * The month-end forecast of the month the range ends in. With a team filter, the team's own forecast
 * (the API forecasts per team); other filters do not narrow it, which the panel says.
 */
export function ForecastPanel({
  month,
  team,
  narrowed,
}: {
  month: string;
  team?: string;
  narrowed: boolean;
}) {
  const forecast = useQuery(forecastQuery(month, team ? "team" : undefined));
  const data = forecast.data;
  const row = team ? data?.rows?.find((r) => !isUnallocatedKey(r.key) && r.key === team) : undefined;
  const figures: Figures | undefined = data
    ? row
      ? {
          actualToDate: row.actualToDate ?? "0",
          forecast: row.forecast,
          low: row.low ?? row.forecast,
          high: row.high ?? row.forecast,
        }
      : team
        ? undefined
        : data
    : undefined;
  return (
    <Panel title={`Month-end forecast · ${monthLabel(month)}`} className="forecast-panel">
      <QueryState isPending={forecast.isPending} error={forecast.error}>
        {data && figures ? (
          <>
            <dl className="forecast-figures">
              <div>
                <dt>Actual to date</dt>
                <dd data-figure="actual">{formatMoney(figures.actualToDate, data.currency)}</dd>
              </div>
              <div>
                <dt>Forecast</dt>
                <dd data-figure="forecast">{formatMoney(figures.forecast, data.currency)}</dd>
              </div>
              <div>
                <dt>Likely range</dt>
                <dd data-figure="interval">
                  {formatMoney(figures.low, data.currency)} – {formatMoney(figures.high, data.currency)}
                </dd>
              </div>
            </dl>
            <ForecastBar figures={figures} />
            <p className="muted small">
              {team ? `Team ${team}` : "All spend"}. The bar is the actual to date, the band the likely range,
              the line the forecast.
              {narrowed ? " Filters other than team do not narrow the forecast." : ""}
            </p>
          </>
        ) : (
          <EmptyState>
            {team ? `No forecast for team ${team} in ${monthLabel(month)}.` : "No forecast."}
          </EmptyState>
        )}
      </QueryState>
    </Panel>
  );
}
