import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { CopyButton } from "../../ui/CopyButton.tsx";
import { formText, formValue, SelectField, TextField } from "../../ui/Field.tsx";
import { Panel } from "../../ui/Page.tsx";
import { ProblemMessage } from "../../ui/ProblemMessage.tsx";
import { addContactMethod } from "./queries.ts";
import { type ContactMethodType, type CreatedContactMethod, contactMethodTypes } from "./types.ts";

const targetLabel: Record<ContactMethodType, string> = {
  email: "Email address",
  slack: "Slack webhook URL",
  webhook: "Webhook URL",
};

/** Adds an e-mail address, a Slack incoming webhook or a signed webhook; shows a webhook's secret once. */
export function ContactMethodForm() {
  const queryClient = useQueryClient();
  const [type, setType] = useState<ContactMethodType>("email");
  const [created, setCreated] = useState<CreatedContactMethod | null>(null);
  const add = useMutation({
    mutationFn: addContactMethod,
    onSuccess: (m) => {
      setCreated(m);
      return queryClient.invalidateQueries({ queryKey: ["notify"] });
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const target =
      type === "email" ? { address: formValue(data, "address") } : { url: formValue(data, "url") };
    add.mutate(
      { type, ...target, label: formText(data, "label"), immediateRule: data.get("immediateRule") === "on" },
      { onSuccess: () => form.reset() },
    );
  };
  const secret = created?.signingSecret;
  return (
    <Panel title="Add a contact method">
      {secret ? (
        <div className="notice notice-success secret" role="status">
          <p>
            <strong>Webhook "{created.label}" added.</strong> Its signing secret is shown only now: copy it
            into your receiver.
          </p>
          <label htmlFor="new-webhook-secret" className="visually-hidden">
            Signing secret
          </label>
          <div className="secret-row">
            <input
              id="new-webhook-secret"
              className="secret-value mono"
              readOnly
              value={secret}
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton value={secret} />
            <button type="button" className="button button-ghost" onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
        </div>
      ) : created ? (
        <p className="notice notice-success" role="status">
          Contact method "{created.label}" added.
        </p>
      ) : null}
      <form onSubmit={submit} noValidate aria-label="New contact method">
        <ProblemMessage error={add.error} fields={["address", "url", "label"]} />
        <div className="form-grid">
          <SelectField
            label="Type"
            name="type"
            options={contactMethodTypes}
            value={type}
            onChange={(e) => {
              setType(e.currentTarget.value as ContactMethodType);
              add.reset();
            }}
          />
          <TextField
            key={type}
            label={targetLabel[type]}
            name={type === "email" ? "address" : "url"}
            type={type === "email" ? "email" : "url"}
            required
            error={add.error}
            placeholder={type === "email" ? "you@example.com" : "https://…"}
          />
          <TextField label="Label" name="label" error={add.error} hint="Blank: the address or host." />
        </div>
        <label className="checkbox">
          <input type="checkbox" name="immediateRule" defaultChecked />
          Notify me through it at once (adds a rule with no delay)
        </label>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={add.isPending}>
            {add.isPending ? "Adding…" : "Add contact method"}
          </button>
        </div>
      </form>
    </Panel>
  );
}
