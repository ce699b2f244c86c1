import { useMutation, useQueryClient } from "@tanstack/react-query";
import { EmptyState, Panel } from "../../ui/Page.tsx";
import { ProblemMessage } from "../../ui/ProblemMessage.tsx";
import { removeContactMethod, testContactMethod } from "./queries.ts";
import type { ContactMethodView } from "./types.ts";

/** The caller's contact methods, each with "send test" and "delete". */
export function ContactMethodsPanel({ items }: { items: ContactMethodView[] }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: removeContactMethod,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["notify"] }),
  });
  const test = useMutation({ mutationFn: testContactMethod });
  return (
    <Panel title="Contact methods">
      <ProblemMessage error={remove.error ?? test.error} />
      {test.isSuccess ? (
        <p className="notice notice-success" role="status">
          Test message queued ({test.data.channel}); it shows in the notification log as it is sent.
        </p>
      ) : null}
      {items.length === 0 ? (
        <EmptyState>No contact methods: nobody can page you yet.</EmptyState>
      ) : (
        <ul className="method-list">
          {items.map((m) => (
            <li key={m.id} data-method={m.label} data-type={m.type}>
              <span className="badge">{m.type}</span>
              <strong>{m.label}</strong>
              <span className="mono small wrap-anywhere">{m.target}</span>
              <span className="method-actions">
                <button
                  type="button"
                  className="button button-small"
                  disabled={test.isPending}
                  onClick={() => test.mutate(m.id)}
                >
                  Send test
                </button>
                <button
                  type="button"
                  className="button button-small button-danger"
                  disabled={remove.isPending}
                  onClick={() => {
                    if (window.confirm(`Delete contact method ${m.label} and its rules?`))
                      remove.mutate(m.id);
                  }}
                >
                  Delete
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
