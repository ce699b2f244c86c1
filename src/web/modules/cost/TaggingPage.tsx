import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { EmptyState, PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { CostTabs } from "./CostTabs.tsx";
import { CsvButton } from "./CsvButton.tsx";
import { formatMoney, formatShare, keyLabel } from "./format.ts";
import { taggingQuery } from "./queries.ts";
import { RangePicker } from "./RangePicker.tsx";
import { RatioBar } from "./RatioBar.tsx";
import { useShowMore } from "./ShowMore.tsx";
import { rangeOf } from "./search.ts";
import type { Tagging, TagShare } from "./types.ts";
import "./cost.css";

const route = getRouteApi("/signed-in/cost/tagging");

function ShareTable(props: {
  title: string;
  column: string;
  rows: TagShare[];
  currency: string | null;
  file: string[];
}) {
  const csv = () => ({
    header: [props.column, `Tagged (${props.currency})`, `Total (${props.currency})`, "Tagged share"],
    rows: props.rows.map((r) => [keyLabel(r.key), r.tagged, r.total, String(r.share)]),
  });
  const more = useShowMore(props.rows);
  return (
    <Panel title={props.title}>
      {props.rows.length === 0 ? (
        <EmptyState>No cost in this range.</EmptyState>
      ) : (
        <>
          <div className="table-toolbar">
            <span />
            <CsvButton name={props.file} table={csv} />
          </div>
          <div className="table-wrap">
            <table className="cost-table share-table">
              <thead>
                <tr>
                  <th scope="col">{props.column}</th>
                  <th scope="col" className="num">
                    Tagged
                  </th>
                  <th scope="col" className="num">
                    Total
                  </th>
                  <th scope="col">Tagged share</th>
                </tr>
              </thead>
              <tbody>
                {more.visible.map((r) => (
                  <tr key={r.key ?? "\u0000"} data-key={keyLabel(r.key)}>
                    <td>{keyLabel(r.key)}</td>
                    <td className="num">{formatMoney(r.tagged, props.currency)}</td>
                    <td className="num">{formatMoney(r.total, props.currency)}</td>
                    <td className="nowrap">
                      <RatioBar ratio={r.share} label={`${keyLabel(r.key)} tagged share`} />{" "}
                      {formatShare(r.share)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {more.button}
        </>
      )}
    </Panel>
  );
}

function UntaggedTable({ data, file }: { data: Tagging; file: string[] }) {
  const csv = () => ({
    header: ["Resource id", "Resource name", "Cloud service", "Account", `Amount (${data.currency})`],
    rows: data.untagged.map((u) => [u.resourceId, u.resourceName, u.serviceName, u.subAccountId, u.amount]),
  });
  const more = useShowMore(data.untagged);
  return (
    <Panel title="Largest untagged resources">
      {data.untagged.length === 0 ? (
        <EmptyState>Every resource carries the required tags.</EmptyState>
      ) : (
        <>
          <div className="table-toolbar">
            <p className="muted small">Resources missing at least one required tag, most expensive first.</p>
            <CsvButton name={file} table={csv} />
          </div>
          <div className="table-wrap">
            <table className="cost-table untagged-table">
              <thead>
                <tr>
                  <th scope="col">Resource</th>
                  <th scope="col">Cloud service</th>
                  <th scope="col">Account</th>
                  <th scope="col" className="num">
                    Cost
                  </th>
                </tr>
              </thead>
              <tbody>
                {more.visible.map((u, i) => (
                  <tr key={u.resourceId ?? i}>
                    <td>
                      {u.resourceName ?? "—"}
                      <div className="mono small muted">{u.resourceId ?? "no resource id"}</div>
                    </td>
                    <td>{u.serviceName ?? "—"}</td>
                    <td className="mono small">{u.subAccountId ?? "—"}</td>
                    <td className="num">{formatMoney(u.amount, data.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {more.button}
        </>
      )}
    </Panel>
  );
}

/** How much spend carries the required tags, per team and account, and what to tag first. */
export function TaggingPage() {
  const navigate = useNavigate();
  const range = rangeOf(route.useSearch());
  const tagging = useQuery(taggingQuery(range));
  const data = tagging.data;
  return (
    <>
      <PageHeader
        title="Tagging"
        description="Spend that carries the required tags can be allocated; the rest lands in Unallocated."
      />
      <CostTabs />
      <Panel className="cost-controls">
        <RangePicker range={range} onChange={(r) => void navigate({ to: "/cost/tagging", search: r })} />
      </Panel>
      <QueryState isPending={tagging.isPending} error={tagging.error}>
        {data ? (
          <>
            <section className="cost-kpis" aria-label="Tagging summary">
              <div className="card kpi" data-kpi="tagged-share">
                <h3>Tagged spend</h3>
                <p className="kpi-value">{formatShare(data.taggedShare)}</p>
                <RatioBar ratio={data.taggedShare} label="Tagged spend" />
              </div>
              <div className="card kpi">
                <h3>Required tags</h3>
                {data.requiredTags.length > 0 ? (
                  <ul className="chip-list">
                    {data.requiredTags.map((t) => (
                      <li key={t} className="chip mono small">
                        {t}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="muted small">
                    None required: set requiredTags in the CostAllocation manifest.
                  </p>
                )}
              </div>
            </section>
            <div className="cost-stack">
              <ShareTable
                title="By team"
                column="Team"
                rows={data.byTeam}
                currency={data.currency}
                file={["cost-tagging-teams", range.from, range.to]}
              />
              <ShareTable
                title="By account"
                column="Account"
                rows={data.byAccount}
                currency={data.currency}
                file={["cost-tagging-accounts", range.from, range.to]}
              />
            </div>
            <UntaggedTable data={data} file={["cost-untagged", range.from, range.to]} />
          </>
        ) : null}
      </QueryState>
    </>
  );
}
