import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { useMe } from "../../lib/session.ts";
import { roleAtLeast } from "../../lib/types.ts";
import { EmptyState, Panel, QueryState } from "../../ui/Page.tsx";
import { ProblemMessage } from "../../ui/ProblemMessage.tsx";
import { createPostmortem, incidentPostmortemQuery, incidentRunbooksQuery } from "./queries.ts";
import { PmStatusBadge } from "./StatusBadge.tsx";
import "./postmortems.css";

/** What the incident page shows of this module: the postmortem (or a button to start it) and matching runbooks. */
export function IncidentFollowUp({ incidentRef, resolved }: { incidentRef: string; resolved: boolean }) {
  return (
    <>
      <IncidentPostmortem incidentRef={incidentRef} resolved={resolved} />
      <IncidentRunbooks incidentRef={incidentRef} />
    </>
  );
}

function IncidentPostmortem({ incidentRef, resolved }: { incidentRef: string; resolved: boolean }) {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const pm = useQuery(incidentPostmortemQuery(incidentRef));
  const create = useMutation({
    mutationFn: () => createPostmortem(incidentRef),
    onSuccess: async (created) => {
      queryClient.setQueryData(["postmortems", created.id], created);
      await queryClient.invalidateQueries({ queryKey: ["postmortems", "incident", incidentRef] });
      await navigate({ to: "/postmortems/$id", params: { id: created.id } });
    },
  });
  return (
    <Panel title="Postmortem">
      <QueryState isPending={pm.isPending} error={pm.error}>
        {pm.data ? (
          <p>
            <Link to="/postmortems/$id" params={{ id: pm.data.id }}>
              {pm.data.title}
            </Link>{" "}
            <PmStatusBadge status={pm.data.status} />
            <br />
            <span className="muted small">
              {pm.data.actionItemCount} action items, {pm.data.openActionItemCount} open
            </span>
          </p>
        ) : (
          <>
            <EmptyState>
              {resolved ? "No postmortem yet." : "Write the postmortem once the incident is resolved."}
            </EmptyState>
            {roleAtLeast(me.role, "responder") ? (
              <button
                type="button"
                className={`button ${resolved ? "button-primary" : ""}`}
                disabled={create.isPending}
                onClick={() => create.mutate()}
              >
                Start postmortem
              </button>
            ) : null}
            <ProblemMessage error={create.error} />
          </>
        )}
      </QueryState>
    </Panel>
  );
}

function IncidentRunbooks({ incidentRef }: { incidentRef: string }) {
  const runbooks = useQuery(incidentRunbooksQuery(incidentRef));
  return (
    <Panel title="Runbook matches">
      <QueryState isPending={runbooks.isPending} error={runbooks.error}>
        {runbooks.data?.items.length === 0 ? (
          <EmptyState>No runbook in opsdeck matches this incident's services or alerts.</EmptyState>
        ) : (
          <ul className="pm-incident-runbooks">
            {runbooks.data?.items.map((r) => (
              <li key={r.name} data-runbook={r.name}>
                <Link to="/postmortems/runbooks/$name" params={{ name: r.name }}>
                  {r.title}
                </Link>
                <span className="muted small">
                  {r.reasons
                    .map((reason) =>
                      reason
                        .replace(/^service:/, "service ")
                        .replace(/^alert:.* matches /, "an alert matches "),
                    )
                    .join("; ")}
                </span>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </Panel>
  );
}
