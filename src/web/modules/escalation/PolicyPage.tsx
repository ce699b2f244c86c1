import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { useMe } from "../../lib/session.ts";
import { roleAtLeast } from "../../lib/types.ts";
import { PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { ProblemMessage } from "../../ui/ProblemMessage.tsx";
import { emptyDraft, toDraft } from "./draft.ts";
import { PolicyEditor } from "./PolicyEditor.tsx";
import { createPolicy, deletePolicy, policyQuery, replacePolicy } from "./queries.ts";
import "./escalation.css";

const breadcrumb = (
  <Link to="/escalation" className="breadcrumb">
    Escalation policies
  </Link>
);

/** One policy in the editor (managers save it with PUT; others read it). */
export function PolicyPage() {
  const { name } = useParams({ from: "/signed-in/escalation/policies/$name" });
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const policy = useQuery(policyQuery(name));
  const save = useMutation({
    mutationFn: (spec: Record<string, unknown>) => replacePolicy(name, spec),
    onSuccess: (p) => {
      queryClient.setQueryData(policyQuery(name).queryKey, p);
      return queryClient.invalidateQueries({ queryKey: ["escalation", "policies"], exact: true });
    },
  });
  const remove = useMutation({
    mutationFn: () => deletePolicy(name),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: policyQuery(name).queryKey });
      await queryClient.invalidateQueries({ queryKey: ["escalation", "policies"] });
      await navigate({ to: "/escalation" });
    },
  });
  const canEdit = roleAtLeast(me.role, "manager");
  return (
    <>
      <PageHeader title={name} description={breadcrumb} />
      <QueryState isPending={policy.isPending} error={policy.error}>
        {policy.data ? (
          <Panel title="Policy">
            <PolicyEditor
              key={policy.data.updatedAt}
              initial={toDraft(policy.data)}
              isNew={false}
              canEdit={canEdit}
              saving={save.isPending}
              saved={save.isSuccess}
              error={save.error}
              onSave={(_, spec) => save.mutate(spec)}
            />
            <p className="muted small">Schedules it pages: {policy.data.schedules.join(", ") || "none"}.</p>
          </Panel>
        ) : null}
      </QueryState>
      {canEdit && policy.data ? (
        <Panel title="Delete">
          <ProblemMessage error={remove.error} />
          <p className="muted small">Running escalations of this policy stop at their next step.</p>
          <button
            type="button"
            className="button button-danger"
            disabled={remove.isPending}
            onClick={() => {
              if (window.confirm(`Delete escalation policy ${name}?`)) remove.mutate();
            }}
          >
            Delete policy
          </button>
        </Panel>
      ) : null}
    </>
  );
}

/** A new policy; saved with POST, then its own page. */
export function NewPolicyPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => createPolicy(body),
    onSuccess: async (p) => {
      await queryClient.invalidateQueries({ queryKey: ["escalation", "policies"] });
      await navigate({ to: "/escalation/policies/$name", params: { name: p.name } });
    },
  });
  return (
    <>
      <PageHeader title="New escalation policy" description={breadcrumb} />
      <Panel title="Policy">
        <PolicyEditor
          initial={emptyDraft()}
          isNew
          canEdit
          saving={create.isPending}
          saved={false}
          error={create.error}
          onSave={(policyName, spec) => create.mutate({ name: policyName, ...spec })}
        />
      </Panel>
    </>
  );
}
