import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import type { FormEvent } from "react";
import { formText, TextField } from "../../ui/Field.tsx";
import { teamsQuery } from "../teams/queries.ts";
import { hasTier, intIn, type ListSearch, tiers } from "./search.ts";
import type { CatalogKind } from "./types.ts";

/** Backstage's usual lifecycles; any other value still works. */
const knownLifecycles = ["production", "experimental", "deprecated"];

/** The filter form of the catalog list. Applying it writes the URL; the list follows the URL. */
export function CatalogFilters({ kind, filters }: { kind: CatalogKind; filters: Omit<ListSearch, "kind"> }) {
  const navigate = useNavigate();
  const teams = useQuery(teamsQuery);
  const kindSearch = kind === "service" ? undefined : kind;

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    void navigate({
      to: "/catalog",
      search: {
        kind: kindSearch,
        q: formText(data, "q"),
        owner: formText(data, "owner"),
        tier: intIn(data.get("tier"), 1, 4),
        lifecycle: formText(data, "lifecycle"),
        label: formText(data, "label"),
      },
    });
  };

  return (
    // Keyed by the URL filters so Back/Forward resets the inputs to what is shown.
    <form key={JSON.stringify(filters)} onSubmit={apply} className="filter-bar" aria-label="Catalog filters">
      <TextField
        label="Search"
        name="q"
        type="search"
        defaultValue={filters.q ?? ""}
        placeholder="name, description, tag"
      />
      <div className="field">
        <label htmlFor="catalog-owner">Owner team</label>
        <select id="catalog-owner" name="owner" defaultValue={filters.owner ?? ""}>
          <option value="">Any team</option>
          {teams.data?.items.map((t) => (
            <option key={t.id} value={t.name}>
              {t.displayName}
            </option>
          ))}
          {/* A team from a shared link that this user cannot list still shows as selected. */}
          {filters.owner && teams.data && !teams.data.items.some((t) => t.name === filters.owner) ? (
            <option value={filters.owner}>{filters.owner}</option>
          ) : null}
        </select>
      </div>
      {hasTier(kind) ? (
        <div className="field field-narrow">
          <label htmlFor="catalog-tier">Tier</label>
          <select id="catalog-tier" name="tier" defaultValue={filters.tier ? String(filters.tier) : ""}>
            <option value="">Any tier</option>
            {tiers.map((t) => (
              <option key={t} value={t}>
                Tier {t}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <TextField
        label="Lifecycle"
        name="lifecycle"
        list="catalog-lifecycles"
        defaultValue={filters.lifecycle ?? ""}
        placeholder="production"
      />
      <datalist id="catalog-lifecycles">
        {knownLifecycles.map((l) => (
          <option key={l} value={l} />
        ))}
      </datalist>
      <TextField
        label="Label"
        name="label"
        defaultValue={filters.label ?? ""}
        placeholder="key=value"
        title="One or more key or key=value terms, separated by spaces: all must match."
      />
      <div className="filter-actions">
        <button type="submit" className="button button-primary">
          Apply filters
        </button>
        <button
          type="button"
          className="button"
          onClick={() => void navigate({ to: "/catalog", search: { kind: kindSearch } })}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
