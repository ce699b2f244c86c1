import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Panel } from "../../ui/Page.tsx";
import { ProblemMessage } from "../../ui/ProblemMessage.tsx";
import { DraftField } from "../escalation/DraftField.tsx";
import { issuesAt } from "../escalation/draft.ts";
import { putRules } from "./queries.ts";
import type { ContactMethodView, NotificationRule } from "./types.ts";

interface RuleDraft {
  key: number;
  contactMethod: string;
  delayMinutes: string;
}

let nextKey = 0;
const draft = (r: NotificationRule): RuleDraft => ({
  key: ++nextKey,
  contactMethod: r.contactMethod,
  delayMinutes: String(r.delayMinutes),
});

/** "Notify me through this method that many minutes after": all rules, saved at once (PUT). */
export function RulesPanel(props: {
  rules: NotificationRule[];
  methods: ContactMethodView[];
  /** Set by the page: a save replaces the rules, which re-creates this panel. */
  saved: boolean;
  onSaved: () => void;
}) {
  const queryClient = useQueryClient();
  const [rows, setRows] = useState(() => props.rules.map(draft));
  const save = useMutation({
    mutationFn: putRules,
    onSuccess: (saved) => {
      queryClient.setQueryData(["notify", "rules"], saved);
      props.onSaved();
    },
  });
  const setRow = (key: number, patch: Partial<RuleDraft>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate(
      rows.map((r) => {
        const n = Number(r.delayMinutes.trim() || "0");
        return { contactMethod: r.contactMethod, delayMinutes: Number.isFinite(n) ? n : -1 };
      }),
    );
  };
  const first = props.methods[0];
  return (
    <Panel title="Notification rules">
      <form onSubmit={submit} noValidate aria-label="Notification rules">
        <ProblemMessage error={save.error} />
        {props.saved && !save.error ? <p className="notice notice-success">Rules saved.</p> : null}
        {rows.length === 0 ? <p className="empty">No rules: you are not notified at all.</p> : null}
        <ol className="rule-list">
          {rows.map((r, i) => (
            <li key={r.key} className="rule-row" data-rule={i}>
              <div className="field">
                <label htmlFor={`rule-${r.key}-method`}>Rule {i + 1} contact method</label>
                <select
                  id={`rule-${r.key}-method`}
                  value={r.contactMethod}
                  onChange={(e) => setRow(r.key, { contactMethod: e.currentTarget.value })}
                >
                  {props.methods.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.type}: {m.label}
                    </option>
                  ))}
                </select>
                {issuesAt(save.error, `items.${i}.contactMethod`) ? (
                  <p className="field-error">{issuesAt(save.error, `items.${i}.contactMethod`)}</p>
                ) : null}
              </div>
              <DraftField
                label={`Rule ${i + 1} delay minutes`}
                value={r.delayMinutes}
                inputMode="numeric"
                onValue={(delayMinutes) => setRow(r.key, { delayMinutes })}
                message={issuesAt(save.error, `items.${i}`)}
              />
              <button
                type="button"
                className="button button-small button-ghost"
                onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
              >
                Remove rule {i + 1}
              </button>
            </li>
          ))}
        </ol>
        <div className="form-actions">
          {first ? (
            <button
              type="button"
              className="button"
              onClick={() => setRows((rs) => [...rs, draft({ contactMethod: first.id, delayMinutes: 5 })])}
            >
              Add rule
            </button>
          ) : (
            <span className="muted small">Add a contact method first.</span>
          )}
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save rules"}
          </button>
        </div>
      </form>
    </Panel>
  );
}
