import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api } from "../../lib/api.ts";
import type { TokenView } from "../../lib/types.ts";
import { CopyButton } from "../../ui/CopyButton.tsx";
import { formValue, TextField } from "../../ui/Field.tsx";
import { Panel } from "../../ui/Page.tsx";
import { ProblemMessage } from "../../ui/ProblemMessage.tsx";

interface Created {
  token: string;
  item: TokenView;
}

/**
 * Creates a token and shows its value once: the server keeps only a hash, so this is the one moment the
 * user can copy it. The value lives in component state only and is gone on navigation.
 */
export function CreateTokenForm() {
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<Created | null>(null);
  const create = useMutation({
    mutationFn: (body: { name: string }) => api<Created>("/api/v1/tokens", { method: "POST", body }),
    onSuccess: async (result) => {
      setCreated(result);
      await queryClient.invalidateQueries({ queryKey: ["tokens"] });
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    create.mutate({ name: formValue(new FormData(form), "name") }, { onSuccess: () => form.reset() });
  };

  return (
    <Panel title="New token">
      {created ? (
        <div className="notice notice-success secret" role="status">
          <p>
            <strong>Token "{created.item.name}" created.</strong> Copy it now: it is not shown again.
          </p>
          <label htmlFor="new-token-value" className="visually-hidden">
            New token value
          </label>
          <div className="secret-row">
            <input
              id="new-token-value"
              className="secret-value mono"
              readOnly
              value={created.token}
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton value={created.token} />
            <button type="button" className="button button-ghost" onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
        </div>
      ) : null}
      <form onSubmit={submit} noValidate className="inline-form">
        <ProblemMessage error={create.error} fields={["name"]} />
        <TextField
          label="Token name"
          name="name"
          required
          maxLength={100}
          error={create.error}
          hint="What uses it, e.g. ci-deploy or terraform."
        />
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create token"}
        </button>
      </form>
    </Panel>
  );
}
