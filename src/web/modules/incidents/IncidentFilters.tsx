import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import type { FormEvent } from "react";
import { formText } from "../../ui/Field.tsx";
import { serviceNamesQuery } from "../catalog/queries.ts";
import { type IncidentListSearch, type RangeKey, rangeLabels, ranges } from "./search.ts";
import { isSeverity, severities, severityLabels } from "./types.ts";

/** Severity, service and time range. Applying writes the URL; the list follows the URL. */
export function IncidentFilters({ filters }: { filters: IncidentListSearch }) {
  const navigate = useNavigate();
  const services = useQuery(serviceNamesQuery);

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const severity = formText(data, "severity");
    const range = formText(data, "range");
    void navigate({
      to: "/incidents",
      search: {
        status: filters.status,
        severity: isSeverity(severity) ? severity : undefined,
        service: formText(data, "service"),
        range: range && range in ranges ? (range as RangeKey) : undefined,
        from: formText(data, "from"),
        to: formText(data, "to"),
      },
    });
  };

  return (
    // Keyed by the URL filters so Back/Forward resets the inputs to what is shown.
    <form key={JSON.stringify(filters)} onSubmit={apply} className="filter-bar" aria-label="Incident filters">
      <div className="field">
        <label htmlFor="incident-severity">Severity</label>
        <select id="incident-severity" name="severity" defaultValue={filters.severity ?? ""}>
          <option value="">Any severity</option>
          {severities.map((s) => (
            <option key={s} value={s}>
              {s} · {severityLabels[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="incident-service">Service</label>
        <select id="incident-service" name="service" defaultValue={filters.service ?? ""}>
          <option value="">Any service</option>
          {services.data?.items.map((s) => (
            <option key={s.name} value={s.name}>
              {s.displayName}
            </option>
          ))}
          {/* A service from a shared link that is not (or no longer) in the catalog still shows as chosen. */}
          {filters.service && !services.data?.items.some((s) => s.name === filters.service) ? (
            <option value={filters.service}>{filters.service}</option>
          ) : null}
        </select>
      </div>
      <div className="field">
        <label htmlFor="incident-range">Opened</label>
        <select id="incident-range" name="range" defaultValue={filters.range ?? ""}>
          <option value="">Any time</option>
          {(Object.keys(ranges) as RangeKey[]).map((r) => (
            <option key={r} value={r}>
              {rangeLabels[r]}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-date">
        <label htmlFor="incident-from">From</label>
        <input id="incident-from" name="from" type="date" defaultValue={filters.from ?? ""} />
      </div>
      <div className="field field-date">
        <label htmlFor="incident-to">To</label>
        <input id="incident-to" name="to" type="date" defaultValue={filters.to ?? ""} />
      </div>
      <div className="filter-actions">
        <button type="submit" className="button button-primary">
          Apply filters
        </button>
        <button
          type="button"
          className="button"
          onClick={() => void navigate({ to: "/incidents", search: { status: filters.status } })}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
