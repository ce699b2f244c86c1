import { type FormEvent, useId, useState } from "react";
import { addDays, type DayRange, dayOf, daysBetween, last30Days, monthRange, wholeMonthOf } from "./dates.ts";

/** The API answers at most 400 days at a time (a typo must not ask for a century). */
const maxDays = 400;

/**
 * A date range: a whole month, the last 30 days, or any from/through pair. People think in inclusive
 * days ("through Oct 31"); the API takes an exclusive end, so the end is shifted by one day here.
 */
export function RangePicker(props: { range: DayRange; onChange: (range: DayRange) => void }) {
  const id = useId();
  const { range, onChange } = props;
  const month = wholeMonthOf(range) ?? "";
  const [problem, setProblem] = useState<string | null>(null);
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const from = String(data.get("from") ?? "");
    const through = String(data.get("through") ?? "");
    if (!from || !through) return;
    if (from > through) return setProblem("The range ends before it starts.");
    if (daysBetween(from, through) + 1 > maxDays) return setProblem(`At most ${maxDays} days at a time.`);
    setProblem(null);
    onChange({ from, to: addDays(through, 1) });
  };
  return (
    <div className="range-picker">
      <div className="field">
        <label htmlFor={`${id}-month`}>Month</label>
        <input
          id={`${id}-month`}
          type="month"
          value={month}
          onChange={(e) => {
            if (/^\d{4}-\d{2}$/.test(e.target.value)) onChange(monthRange(e.target.value));
          }}
        />
      </div>
      <form key={`${range.from}/${range.to}`} className="range-days" onSubmit={apply} aria-label="Date range">
        <div className="field">
          <label htmlFor={`${id}-from`}>From</label>
          <input id={`${id}-from`} name="from" type="date" required defaultValue={range.from} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-through`}>Through</label>
          <input
            id={`${id}-through`}
            name="through"
            type="date"
            required
            defaultValue={addDays(range.to, -1)}
          />
        </div>
        <button type="submit" className="button">
          Show
        </button>
        {problem ? (
          <p className="field-error range-error" role="alert">
            {problem}
          </p>
        ) : null}
      </form>
      <button
        type="button"
        className="button button-ghost"
        onClick={() => onChange(last30Days(dayOf(new Date())))}
      >
        Last 30 days
      </button>
    </div>
  );
}
