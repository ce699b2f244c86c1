import type { Database } from "../../../platform/db/database.ts";
import { InputError } from "../../../platform/errors.ts";
import { commitmentLines, currenciesIn, dataBounds } from "./analytics.repository.ts";
import type { CommitmentsView, ForecastView } from "./analytics.schema.ts";
import { commitmentReport } from "./commitments.ts";
import { addDays, daysBetween, minDay } from "./days.ts";
import { money } from "./decimal.ts";
import { forecastNumbers, forecastScope } from "./forecast.service.ts";
import { parsePeriod } from "./periods.ts";

/** Reports are in one currency; without a choice, the one most rows of the window are billed in (USD when none). */
const fallbackCurrency = "USD";

async function reportCurrency(db: Database, from: string, to: string, asked?: string): Promise<string> {
  if (asked) return asked;
  return (await currenciesIn(db.read, from, to))[0] ?? fallbackCurrency;
}

/** Month-end forecast overall and, with `groupBy=team`, per allocated team. */
export async function forecastMonth(
  db: Database,
  q: { month: string; groupBy?: "team"; currency?: string },
): Promise<ForecastView> {
  const period = parsePeriod(q.month);
  if (period?.kind !== "monthly")
    throw new InputError("month must be YYYY-MM", [{ path: "month", message: "must be YYYY-MM" }]);
  const bounds = await dataBounds(db.read);
  const lookFrom = bounds ? addDays(bounds.last, -27) : period.start;
  const currency = await reportCurrency(db, minDay(lookFrom, period.start), period.end, q.currency);
  const result = await forecastScope(db, {
    periodStart: period.start,
    periodEnd: period.end,
    currency,
    groupBy: q.groupBy,
  });
  return {
    month: period.label,
    currency,
    ...forecastNumbers(result.total),
    ...(q.groupBy ? { rows: result.rows.map((r) => ({ key: r.key, ...forecastNumbers(r.forecast) })) } : {}),
  };
}

/** Commitment utilization, coverage and savings over [from, to] (days, both included). */
export async function commitmentsBetween(
  db: Database,
  q: { from: string; to: string; currency?: string },
): Promise<CommitmentsView> {
  if (q.to < q.from)
    throw new InputError("to must not be before from", [{ path: "to", message: "must not be before from" }]);
  if (daysBetween(q.from, q.to) >= 366)
    throw new InputError("at most 366 days at a time", [
      { path: "to", message: "at most 366 days after from" },
    ]);
  const currency = await reportCurrency(db, q.from, q.to, q.currency);
  const report = commitmentReport(await commitmentLines(db.read, q.from, q.to, currency));
  return {
    currency,
    items: report.items.map((i) => ({
      commitmentId: i.commitmentId,
      type: i.type,
      purchased: money(i.purchased),
      used: money(i.used),
      unused: money(i.unused),
      utilization: i.utilization,
    })),
    coverage: report.coverage,
    effectiveSavingsRate: report.effectiveSavingsRate,
  };
}
