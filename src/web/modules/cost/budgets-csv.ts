import type { Budget } from "./types.ts";

export function scopeText(b: Budget): string {
  const parts = [
    b.scope.team ? `team ${b.scope.team}` : "",
    b.scope.service ? `service ${b.scope.service}` : "",
  ];
  return parts.filter(Boolean).join(", ") || "all spend";
}

export function budgetsCsv(items: Budget[]) {
  return {
    header: [
      "Budget",
      "Scope",
      "Period",
      "Start",
      "End",
      "Currency",
      "Amount",
      "Actual",
      "Forecast",
      "Forecast low",
      "Forecast high",
      "Used %",
      "Status",
    ],
    rows: items.map((b) => [
      b.name,
      scopeText(b),
      b.period,
      b.periodStart,
      b.periodEnd,
      b.currency,
      b.amount,
      b.actual,
      b.forecast,
      b.forecastLow,
      b.forecastHigh,
      String(b.percentUsed),
      b.status,
    ]),
  };
}
