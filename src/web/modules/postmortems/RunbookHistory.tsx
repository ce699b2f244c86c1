import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { formatInstant } from "../../lib/format.ts";
import { Panel, QueryState } from "../../ui/Page.tsx";
import { runbookDiffQuery, runbookVersionsQuery } from "./queries.ts";

/** Every version of a runbook; pick any two to see what changed between them, line by line. */
export function RunbookHistory({ name, current }: { name: string; current: number }) {
  const versions = useQuery(runbookVersionsQuery(name));
  const [pair, setPair] = useState<{ from: number; to: number } | null>(null);
  const chosen = pair ?? { from: Math.max(1, current - 1), to: current };
  const items = versions.data?.items ?? [];
  return (
    <Panel title="Version history">
      <QueryState isPending={versions.isPending} error={versions.error}>
        <div className="table-wrap">
          <table className="rb-versions">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Change</th>
                <th scope="col">By</th>
                <th scope="col">When</th>
                <th scope="col">Lines</th>
              </tr>
            </thead>
            <tbody>
              {items.map((v) => (
                <tr key={v.version} data-version={v.version}>
                  <td>v{v.version}</td>
                  <td>{v.message || <span className="muted">—</span>}</td>
                  <td>{v.author}</td>
                  <td className="nowrap small">{formatInstant(v.createdAt)}</td>
                  <td>{v.lines}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {items.length > 1 ? (
          <>
            <div className="filter-bar rb-diff-pick">
              {(["from", "to"] as const).map((side) => (
                <div className="field" key={side}>
                  <label htmlFor={`rb-diff-${side}`}>{side === "from" ? "Compare" : "with"}</label>
                  <select
                    id={`rb-diff-${side}`}
                    value={chosen[side]}
                    onChange={(e) => setPair({ ...chosen, [side]: Number(e.target.value) })}
                  >
                    {items.map((v) => (
                      <option key={v.version} value={v.version}>
                        v{v.version}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
            </div>
            <DiffBlock name={name} from={chosen.from} to={chosen.to} />
          </>
        ) : null}
      </QueryState>
    </Panel>
  );
}

function DiffBlock({ name, from, to }: { name: string; from: number; to: number }) {
  const diff = useQuery(runbookDiffQuery(name, from, to));
  return (
    <QueryState isPending={diff.isPending} error={diff.error}>
      {diff.data ? (
        <section className="rb-diff" aria-label={`Changes from v${from} to v${to}`}>
          <p className="small">
            <span className="rb-added-count">+{diff.data.added}</span>{" "}
            <span className="rb-removed-count">−{diff.data.removed}</span> lines from v{from} to v{to}
          </p>
          <pre className="rb-diff-lines">
            {diff.data.parts.flatMap((p, i) =>
              p.lines.map((line, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a diff's lines have no identity but their place
                <span key={`${i}-${j}`} className={`rb-line rb-line-${p.kind}`}>
                  {p.kind === "added" ? "+ " : p.kind === "removed" ? "- " : "  "}
                  {line}
                  {"\n"}
                </span>
              )),
            )}
          </pre>
        </section>
      ) : null}
    </QueryState>
  );
}
