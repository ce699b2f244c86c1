import { useQuery } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { formatInstant } from "../../lib/format.ts";
import { useMe } from "../../lib/session.ts";
import { roleAtLeast } from "../../lib/types.ts";
import { EmptyState, PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { CostTabs } from "./CostTabs.tsx";
import { CsvButton } from "./CsvButton.tsx";
import { importsQuery } from "./queries.ts";
import type { CostImport } from "./types.ts";
import { UploadForm } from "./UploadForm.tsx";
import "./cost.css";

const filesOf = (i: CostImport) => i.files;

function ImportRow({ item }: { item: CostImport }) {
  const [open, setOpen] = useState(false);
  const detailsId = `import-${item.id}-warnings`;
  return (
    <Fragment>
      <tr data-import={item.id}>
        <td>
          {filesOf(item).map((f) => (
            <div key={f} className="mono small">
              {f}
            </div>
          ))}
        </td>
        <td className="mono small">{item.billingAccountId ?? "—"}</td>
        <td className="nowrap">
          {item.periodStart.slice(0, 10)} → {item.periodEnd.slice(0, 10)}
        </td>
        <td className="num">{item.rows.toLocaleString()}</td>
        <td className="nowrap">{formatInstant(item.importedAt)}</td>
        <td>
          {item.warnings.length === 0 ? (
            <span className="muted">None</span>
          ) : (
            <button
              type="button"
              className="button button-ghost button-small"
              aria-expanded={open}
              aria-controls={detailsId}
              onClick={() => setOpen(!open)}
            >
              <span className="badge badge-warn">{item.warnings.length}</span> {open ? "Hide" : "Show"}
            </button>
          )}
        </td>
      </tr>
      {open ? (
        <tr id={detailsId} className="drivers-row">
          <td colSpan={6}>
            <ul className="import-warnings">
              {item.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}

/** Billing exports imported so far, and (for managers) the upload of a new one. */
export function ImportsPage() {
  const me = useMe();
  const imports = useQuery(importsQuery);
  const items = imports.data?.items ?? [];
  const csv = () => ({
    header: [
      "Id",
      "Files",
      "Billing account",
      "Period start",
      "Period end",
      "Rows",
      "Imported at",
      "Warnings",
    ],
    rows: items.map((i) => [
      i.id,
      filesOf(i).join(" "),
      i.billingAccountId,
      i.periodStart,
      i.periodEnd,
      i.rows,
      i.importedAt,
      i.warnings.join(" | "),
    ]),
  });
  return (
    <>
      <PageHeader
        title="Billing imports"
        description="FOCUS billing exports loaded into opsdeck, one billing period per import."
      />
      <CostTabs />
      {roleAtLeast(me.role, "manager") ? (
        <Panel title="Upload a billing export">
          <UploadForm />
        </Panel>
      ) : null}
      <Panel title="Imports">
        <QueryState isPending={imports.isPending} error={imports.error}>
          {items.length === 0 ? (
            <EmptyState>
              Nothing imported yet.{" "}
              {roleAtLeast(me.role, "manager")
                ? "Upload a FOCUS export above."
                : "A manager can upload a FOCUS billing export here."}
            </EmptyState>
          ) : (
            <>
              <div className="table-toolbar">
                <p className="muted small">
                  {items.length} {items.length === 1 ? "import" : "imports"}
                </p>
                <CsvButton name={["cost-imports"]} table={csv} />
              </div>
              <div className="table-wrap">
                <table className="cost-table import-table">
                  <thead>
                    <tr>
                      <th scope="col">Files</th>
                      <th scope="col">Billing account</th>
                      <th scope="col">Period</th>
                      <th scope="col" className="num">
                        Rows
                      </th>
                      <th scope="col">Imported</th>
                      <th scope="col">Warnings</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((i) => (
                      <ImportRow key={i.id} item={i} />
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </QueryState>
      </Panel>
    </>
  );
}
