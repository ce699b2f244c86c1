import { useNavigate } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { formText } from "../../ui/Field.tsx";
import { type CostView, filterKeys, isGroupBy } from "./search.ts";
import { dimensionLabels, dimensions, type Metric, metricLabels, metrics } from "./types.ts";

/** Metric, group-by (a dimension or any tag key) and the filters. Applying writes the URL. */
export function ExplorerFilters({ view }: { view: CostView }) {
  const navigate = useNavigate();
  const tagged = view.groupBy.startsWith("tag:");
  const [byTag, setByTag] = useState(tagged);

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const dimension = formText(data, "groupBy") ?? "team";
    const tag = formText(data, "tagKey");
    const groupBy = dimension === "tag" ? (tag ? `tag:${tag}` : "team") : dimension;
    const metric = formText(data, "metric") as Metric | undefined;
    const filters = Object.fromEntries(filterKeys.map((k) => [k, formText(data, k)]));
    const currency = formText(data, "currency")?.toUpperCase();
    void navigate({
      to: "/cost",
      search: {
        from: view.from,
        to: view.to,
        metric: metric && metrics.includes(metric) ? metric : undefined,
        groupBy: isGroupBy(groupBy) ? groupBy : undefined,
        ...filters,
        currency: currency && /^[A-Z]{3}$/.test(currency) ? currency : undefined,
      },
    });
  };

  return (
    <form
      key={JSON.stringify(view)}
      onSubmit={apply}
      className="filter-bar cost-filters"
      aria-label="Cost filters"
    >
      <div className="field">
        <label htmlFor="cost-metric">Metric</label>
        <select id="cost-metric" name="metric" defaultValue={view.metric}>
          {metrics.map((m) => (
            <option key={m} value={m}>
              {metricLabels[m]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="cost-group-by">Group by</label>
        <select
          id="cost-group-by"
          name="groupBy"
          defaultValue={tagged ? "tag" : view.groupBy}
          onChange={(e) => {
            setByTag(e.target.value === "tag");
            // A new grouping is applied at once; the filters are applied with the button.
            if (e.target.value !== "tag") e.target.form?.requestSubmit();
          }}
        >
          {dimensions.map((d) => (
            <option key={d} value={d}>
              {dimensionLabels[d]}
            </option>
          ))}
          <option value="tag">Tag…</option>
        </select>
      </div>
      {byTag ? (
        <div className="field field-narrow">
          <label htmlFor="cost-tag-key">Tag key</label>
          <input
            id="cost-tag-key"
            name="tagKey"
            defaultValue={tagged ? view.groupBy.slice(4) : ""}
            placeholder="cost-center"
          />
        </div>
      ) : null}
      {filterKeys.map((k) => (
        <div className="field field-narrow" key={k}>
          <label htmlFor={`cost-filter-${k}`}>{dimensionLabels[k]}</label>
          <input id={`cost-filter-${k}`} name={k} defaultValue={view.filters[k] ?? ""} placeholder="any" />
        </div>
      ))}
      <div className="field field-narrow">
        <label htmlFor="cost-filter-currency">Currency</label>
        <input
          id="cost-filter-currency"
          name="currency"
          defaultValue={view.currency ?? ""}
          placeholder="any"
          title="Needed only when the spend is billed in several currencies"
        />
      </div>
      <div className="filter-actions">
        <button type="submit" className="button button-primary">
          Apply
        </button>
        <button
          type="button"
          className="button"
          onClick={() =>
            void navigate({
              to: "/cost",
              search: { from: view.from, to: view.to, metric: view.metric, groupBy: view.groupBy },
            })
          }
        >
          Clear filters
        </button>
      </div>
    </form>
  );
}
