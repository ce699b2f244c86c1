import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import type { FormEvent } from "react";
import { useMe } from "../../lib/session.ts";
import { roleAtLeast } from "../../lib/types.ts";
import { formText, TextField } from "../../ui/Field.tsx";
import { serviceNamesQuery } from "../catalog/queries.ts";
import { isSeverity, severities, severityLabels } from "../incidents/types.ts";
import { integrationsQuery } from "./queries.ts";
import type { AlertSearch } from "./search.ts";

/** Integration, service, severity and labels. Applying writes the URL; the list follows the URL. */
export function AlertFilters({ filters }: { filters: AlertSearch }) {
  const navigate = useNavigate();
  const me = useMe();
  // Only managers may list integrations (the list carries intake URLs); others type the name.
  const integrations = useQuery({ ...integrationsQuery, enabled: roleAtLeast(me.role, "manager") });
  const services = useQuery(serviceNamesQuery);

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const severity = formText(data, "severity");
    void navigate({
      to: "/alerts",
      search: {
        status: filters.status,
        integration: formText(data, "integration"),
        service: formText(data, "service"),
        severity: isSeverity(severity) ? severity : undefined,
        label: formText(data, "label"),
      },
    });
  };

  return (
    <form key={JSON.stringify(filters)} onSubmit={apply} className="filter-bar" aria-label="Alert filters">
      {integrations.data ? (
        <div className="field">
          <label htmlFor="alert-integration">Integration</label>
          <select id="alert-integration" name="integration" defaultValue={filters.integration ?? ""}>
            <option value="">Any integration</option>
            {integrations.data.items.map((i) => (
              <option key={i.name} value={i.name}>
                {i.name}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <TextField label="Integration" name="integration" defaultValue={filters.integration ?? ""} />
      )}
      <div className="field">
        <label htmlFor="alert-service">Service</label>
        <select id="alert-service" name="service" defaultValue={filters.service ?? ""}>
          <option value="">Any service</option>
          {services.data?.items.map((s) => (
            <option key={s.name} value={s.name}>
              {s.displayName}
            </option>
          ))}
          {filters.service && !services.data?.items.some((s) => s.name === filters.service) ? (
            <option value={filters.service}>{filters.service}</option>
          ) : null}
        </select>
      </div>
      <div className="field">
        <label htmlFor="alert-severity">Severity</label>
        <select id="alert-severity" name="severity" defaultValue={filters.severity ?? ""}>
          <option value="">Any severity</option>
          {severities.map((s) => (
            <option key={s} value={s}>
              {s} · {severityLabels[s]}
            </option>
          ))}
        </select>
      </div>
      <TextField
        label="Labels"
        name="label"
        defaultValue={filters.label ?? ""}
        placeholder="region=eu-west-1 team"
        title="key, key=value or key!=value terms, separated by spaces: all must hold."
      />
      <div className="filter-actions">
        <button type="submit" className="button button-primary">
          Apply filters
        </button>
        <button
          type="button"
          className="button"
          onClick={() => void navigate({ to: "/alerts", search: { status: filters.status } })}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
