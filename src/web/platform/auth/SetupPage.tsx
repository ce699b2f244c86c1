import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import type { FormEvent } from "react";
import { api } from "../../lib/api.ts";
import { setupStatusQuery } from "../../lib/session.ts";
import type { UserView } from "../../lib/types.ts";
import { formText, formValue, TextField } from "../../ui/Field.tsx";
import { QueryState } from "../../ui/Page.tsx";
import { ProblemMessage } from "../../ui/ProblemMessage.tsx";
import { AuthCard } from "./AuthCard.tsx";

const route = getRouteApi("/setup");
const fields = ["name", "email", "displayName", "password"];

/** First run: the one-time link printed by the server leads here to create the first admin. */
export function SetupPage() {
  const { token } = route.useSearch();
  const status = useQuery(setupStatusQuery);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: (user: Record<string, string | undefined>) =>
      api<UserView>("/api/v1/setup", { method: "POST", body: { token, user } }),
    onSuccess: async () => {
      queryClient.setQueryData(setupStatusQuery.queryKey, { needsSetup: false });
      await navigate({ to: "/login", search: { setup: "done" } });
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    create.mutate({
      name: formValue(data, "name"),
      email: formValue(data, "email"),
      displayName: formText(data, "displayName"),
      password: String(data.get("password") ?? ""),
    });
  };

  return (
    <AuthCard title="Set up opsdeck" subtitle="Create the first administrator account.">
      <QueryState isPending={status.isPending} error={status.error}>
        {status.data?.needsSetup === false ? (
          <div className="notice" role="status">
            Setup is already complete. <Link to="/login">Sign in</Link> instead.
          </div>
        ) : !token ? (
          <div className="notice notice-error" role="alert">
            This page needs the one-time setup link that opsdeck printed to its terminal when it started.
            Restart opsdeck to get a new link.
          </div>
        ) : (
          <form onSubmit={submit} noValidate>
            <ProblemMessage error={create.error} fields={fields} />
            <TextField
              label="User name"
              name="name"
              required
              autoComplete="username"
              error={create.error}
              hint="Letters and digits, with single - _ or . between them, e.g. jane.doe"
            />
            <TextField
              label="Email"
              name="email"
              type="email"
              required
              autoComplete="email"
              error={create.error}
            />
            <TextField label="Display name" name="displayName" autoComplete="name" error={create.error} />
            <TextField
              label="Password"
              name="password"
              type="password"
              required
              minLength={12}
              autoComplete="new-password"
              error={create.error}
              hint="At least 12 characters."
            />
            <button type="submit" className="button button-primary button-block" disabled={create.isPending}>
              {create.isPending ? "Creating…" : "Create admin"}
            </button>
          </form>
        )}
      </QueryState>
    </AuthCard>
  );
}
