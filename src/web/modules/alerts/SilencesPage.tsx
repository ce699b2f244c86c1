import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../lib/api.ts";
import { formatInstant } from "../../lib/format.ts";
import { useMe } from "../../lib/session.ts";
import { roleAtLeast } from "../../lib/types.ts";
import { EmptyState, PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { ProblemMessage } from "../../ui/ProblemMessage.tsx";
import { AlertsTabs } from "./AlertsTabs.tsx";
import { silencesQuery } from "./queries.ts";
import { SilenceForm } from "./SilenceForm.tsx";
import type { SilenceView } from "./types.ts";
import "../incidents/incidents.css";
import "./alerts.css";

const stateClass: Record<SilenceView["state"], string> = {
  active: "badge badge-ok",
  pending: "badge badge-warn",
  expired: "badge",
};

export function SilencesPage() {
  const me = useMe();
  const canEdit = roleAtLeast(me.role, "manager");
  const [creating, setCreating] = useState(false);
  const silences = useQuery(silencesQuery);
  const queryClient = useQueryClient();
  const expire = useMutation({
    mutationFn: (id: string) =>
      api<SilenceView>(`/api/v1/silences/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: silencesQuery.queryKey }),
  });
  return (
    <>
      <PageHeader
        title="Alerts"
        description="Silences stop matching alerts from paging: they are recorded as suppressed instead."
        actions={
          canEdit && !creating ? (
            <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
              New silence
            </button>
          ) : null
        }
      />
      <AlertsTabs />
      {creating ? <SilenceForm onDone={() => setCreating(false)} /> : null}
      <Panel title="Silences">
        <ProblemMessage error={expire.error} />
        <QueryState isPending={silences.isPending} error={silences.error}>
          {silences.data?.items.length === 0 ? (
            <EmptyState>No silences. Create one before planned maintenance.</EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="silence-table">
                <thead>
                  <tr>
                    <th scope="col">Matchers</th>
                    <th scope="col">State</th>
                    <th scope="col">Starts</th>
                    <th scope="col">Ends</th>
                    <th scope="col">Comment</th>
                    {canEdit ? (
                      <th scope="col">
                        <span className="visually-hidden">Actions</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {silences.data?.items.map((s) => (
                    <tr key={s.id} data-state={s.state}>
                      <td>
                        {s.matchers.map((m) => (
                          <span key={m} className="tag mono">
                            {m}
                          </span>
                        ))}
                      </td>
                      <td>
                        <span className={stateClass[s.state]}>{s.state}</span>
                      </td>
                      <td className="nowrap">{formatInstant(s.startsAt)}</td>
                      <td className="nowrap">{formatInstant(s.endsAt)}</td>
                      <td>
                        {s.comment}
                        <span className="muted small block">by {s.createdBy}</span>
                      </td>
                      {canEdit ? (
                        <td className="actions">
                          {s.state === "expired" ? null : (
                            <button
                              type="button"
                              className="button button-small button-danger"
                              disabled={expire.isPending}
                              onClick={() => expire.mutate(s.id)}
                            >
                              Expire
                            </button>
                          )}
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </QueryState>
      </Panel>
    </>
  );
}
