import { Refused } from "./indicator.ts";

/** OpenSLO time windows as opsdeck `window` specs. Units: m minute, h hour, d day, w week, M month, Q quarter, Y year. */

const unitDays: Record<string, number> = { d: 1, w: 7, M: 30, Q: 90 };

export function rollingWindow(duration: string, path: string): { rolling: string } {
  const m = /^(\d+)([mhdwMQY])$/.exec(duration);
  if (!m) throw new Refused(path, `'${duration}' is not an OpenSLO duration such as 28d, 4w or 1M`);
  const n = Number(m[1]);
  const unit = m[2] as string;
  let days: number | undefined;
  if (unit === "h" && n % 24 === 0) days = n / 24;
  else if (unit in unitDays) days = n * (unitDays[unit] as number);
  if (days === undefined || days < 1 || days > 92)
    throw new Refused(
      path,
      `a rolling window of ${duration} is not supported: whole days from 1d to 92d (a month counts as 30d)`,
    );
  return { rolling: `${days}d` };
}

const calendarUnits: Record<string, string> = { d: "day", w: "week", M: "month", Q: "quarter" };

export function calendarWindow(
  duration: string,
  calendar: Record<string, unknown>,
  path: string,
): { calendar: string; timeZone: string; startTime?: string } {
  const m = /^(\d+)([mhdwMQY])$/.exec(duration);
  if (!m) throw new Refused(path, `'${duration}' is not an OpenSLO duration such as 1M or 1w`);
  if (m[2] === "m")
    throw new Refused(
      path,
      `${duration} is ${m[1]} minute(s) (OpenSLO: m = minute, M = month); a calendar window is 1d, 1w, 1M or 1Q`,
    );
  const unit = calendarUnits[m[2] as string];
  if (!unit || m[1] !== "1")
    throw new Refused(
      path,
      `a calendar window of ${duration} is not supported: one day (1d), week (1w), month (1M) or quarter (1Q)`,
    );
  const timeZone = typeof calendar.timeZone === "string" ? calendar.timeZone : "UTC";
  const start = calendar.startTime;
  const startTime =
    typeof start === "string"
      ? start.trim().replace(" ", "T")
      : start instanceof Date
        ? start.toISOString().slice(0, 19)
        : undefined;
  return { calendar: unit, timeZone, ...(startTime ? { startTime } : {}) };
}

/** v1alpha: { unit: Day|Week|Month|Quarter|Year, count, isRolling } */
export function alphaWindow(w: Record<string, unknown>, path: string) {
  const letters: Record<string, string> = {
    Second: "s",
    Minute: "m",
    Hour: "h",
    Day: "d",
    Week: "w",
    Month: "M",
    Quarter: "Q",
    Year: "Y",
  };
  const letter = letters[String(w.unit)];
  if (!letter || typeof w.count !== "number")
    throw new Refused(`${path}.unit`, "give unit (Day, Week, Month, Quarter) and count");
  const duration = `${w.count}${letter}`;
  return w.isRolling === false
    ? calendarWindow(duration, (w.calendar as Record<string, unknown>) ?? {}, `${path}.unit`)
    : rollingWindow(duration, `${path}.count`);
}
