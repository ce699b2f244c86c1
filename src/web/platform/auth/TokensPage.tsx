import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../lib/api.ts";
import { formatInstant } from "../../lib/format.ts";
import { useMe } from "../../lib/session.ts";
import type { TokenView } from "../../lib/types.ts";
import { EmptyState, PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { ProblemMessage } from "../../ui/ProblemMessage.tsx";
import { CreateTokenForm } from "./CreateTokenForm.tsx";
import { tokensQuery } from "./queries.ts";

export function TokensPage() {
  const me = useMe();
  const [all, setAll] = useState(false);
  const tokens = useQuery(tokensQuery(all && me.role === "admin"));
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: (id: string) =>
      api<TokenView>(`/api/v1/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["tokens"] }),
  });

  const confirmRevoke = (token: TokenView) => {
    // Revoking cannot be undone and breaks whatever script uses the token: ask first.
    if (window.confirm(`Revoke the token "${token.name}"? Scripts using it stop working at once.`)) {
      revoke.mutate(token.id);
    }
  };

  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens let scripts and CI pipelines call the API as you: send Authorization: Bearer TOKEN."
      />
      <CreateTokenForm />
      <Panel title="Tokens">
        {me.role === "admin" ? (
          <label className="checkbox">
            <input type="checkbox" checked={all} onChange={(e) => setAll(e.currentTarget.checked)} />
            Show every user's tokens
          </label>
        ) : null}
        <ProblemMessage error={revoke.error} />
        <QueryState isPending={tokens.isPending} error={tokens.error}>
          {tokens.data?.items.length === 0 ? (
            <EmptyState>No tokens yet.</EmptyState>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">User</th>
                    <th scope="col">Starts with</th>
                    <th scope="col">Created</th>
                    <th scope="col">Last used</th>
                    <th scope="col">Status</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {tokens.data?.items.map((t) => (
                    <tr key={t.id}>
                      <td>{t.name}</td>
                      <td className="mono">{t.user}</td>
                      <td className="mono">{t.hint}…</td>
                      <td className="nowrap">{formatInstant(t.createdAt)}</td>
                      <td className="nowrap">{formatInstant(t.lastUsedAt)}</td>
                      <td>
                        {t.revokedAt ? (
                          <span className="badge badge-danger">revoked</span>
                        ) : (
                          <span className="badge badge-ok">active</span>
                        )}
                      </td>
                      <td className="actions">
                        {t.revokedAt ? null : (
                          <button
                            type="button"
                            className="button button-small button-danger"
                            onClick={() => confirmRevoke(t)}
                            disabled={revoke.isPending}
                            aria-label={`Revoke token ${t.name}`}
                          >
                            Revoke
                          </button>
                        )}
                      </td>
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
