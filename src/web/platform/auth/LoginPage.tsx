import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useRouter } from "@tanstack/react-router";
import type { FormEvent } from "react";
import { api } from "../../lib/api.ts";
import { meQuery, safeNext, setupStatusQuery } from "../../lib/session.ts";
import type { UserView } from "../../lib/types.ts";
import { formValue, TextField } from "../../ui/Field.tsx";
import { ProblemMessage } from "../../ui/ProblemMessage.tsx";
import { AuthCard } from "./AuthCard.tsx";

const route = getRouteApi("/login");
const fields = ["email", "password"];

export function LoginPage() {
  const search = route.useSearch();
  const setup = useQuery(setupStatusQuery);
  const queryClient = useQueryClient();
  const router = useRouter();
  const login = useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      api<{ user: UserView; expiresAt: string }>("/api/v1/auth/login", { method: "POST", body }),
    onSuccess: async ({ user }) => {
      // Seed the session so the signed-in layout does not ask the server again right away.
      queryClient.setQueryData(meQuery.queryKey, user);
      await router.navigate({ href: safeNext(search.next) });
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    login.mutate({ email: formValue(data, "email"), password: String(data.get("password") ?? "") });
  };

  return (
    <AuthCard title="Sign in" subtitle="Use the email and password of your opsdeck account.">
      {search.setup === "done" ? (
        <div className="notice notice-success" role="status">
          Admin account created. Sign in with it.
        </div>
      ) : null}
      {setup.data?.needsSetup ? (
        <div className="notice" role="status">
          No admin exists yet. Open the one-time setup link that opsdeck printed when it started.
        </div>
      ) : null}
      <form onSubmit={submit} noValidate>
        <ProblemMessage error={login.error} fields={fields} />
        <TextField
          label="Email"
          name="email"
          type="email"
          required
          autoComplete="username"
          error={login.error}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          required
          autoComplete="current-password"
          error={login.error}
        />
        <button type="submit" className="button button-primary button-block" disabled={login.isPending}>
          {login.isPending ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </AuthCard>
  );
}
