import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { PageHeader, Panel } from "../../ui/Page.tsx";
import { createRunbook } from "./queries.ts";
import { RunbookEditor } from "./RunbookEditor.tsx";
import "./postmortems.css";

export function NewRunbookPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: createRunbook,
    onSuccess: async (rb) => {
      await queryClient.invalidateQueries({ queryKey: ["runbooks"] });
      await navigate({ to: "/postmortems/runbooks/$name", params: { name: rb.name } });
    },
  });
  return (
    <>
      <p className="breadcrumb">
        <Link to="/postmortems/runbooks">Runbooks</Link> / new
      </p>
      <PageHeader title="New runbook" />
      <Panel>
        <RunbookEditor
          error={create.error}
          pending={create.isPending}
          onSubmit={({ message, ...input }) => create.mutate({ ...input, ...(message ? { message } : {}) })}
        />
      </Panel>
    </>
  );
}
