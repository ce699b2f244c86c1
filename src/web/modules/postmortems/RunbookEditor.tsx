import { type FormEvent, useState } from "react";
import { fieldError } from "../../lib/api.ts";
import { ProblemMessage } from "../../ui/ProblemMessage.tsx";
import { Markdown } from "./Markdown.tsx";
import type { RunbookDetail } from "./types.ts";

export interface RunbookInput {
  name: string;
  title: string;
  services: string[];
  match: string[];
  body: string;
  message: string;
}

const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/** Title, links and the Markdown body with a live preview. Saving a changed title or body makes a version. */
export function RunbookEditor(props: {
  runbook?: RunbookDetail;
  error: unknown;
  pending: boolean;
  onSubmit: (input: RunbookInput) => void;
  onCancel?: () => void;
}) {
  const rb = props.runbook;
  const [body, setBody] = useState(rb?.body ?? "# Title\n\n## Check\n\n1. \n\n## Fix\n\n");
  const err = (name: string) => {
    const m = fieldError(props.error, name);
    return m ? <p className="field-error">{m}</p> : null;
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? "").trim();
    props.onSubmit({
      name: rb?.name ?? text("name"),
      title: text("title"),
      services: text("services")
        .split(/[\s,]+/)
        .filter(Boolean),
      match: lines(String(data.get("match") ?? "")),
      body,
      message: text("message"),
    });
  };
  return (
    <form className="rb-editor" onSubmit={submit} noValidate>
      <div className="form-grid">
        {rb ? null : (
          <div className="field">
            <label htmlFor="rb-name">Name</label>
            <input id="rb-name" name="name" required placeholder="payments-db-failover" />
            {err("name")}
          </div>
        )}
        <div className="field">
          <label htmlFor="rb-title">Title</label>
          <input id="rb-title" name="title" required defaultValue={rb?.title} />
          {err("title")}
        </div>
        <div className="field">
          <label htmlFor="rb-services">Services</label>
          <input
            id="rb-services"
            name="services"
            defaultValue={rb?.services.join(", ")}
            placeholder="payments-api, ledger"
          />
          <p className="field-hint">Catalog service names, separated by commas.</p>
          {err("services")}
        </div>
        <div className="field">
          <label htmlFor="rb-match">Alert matchers</label>
          <textarea
            id="rb-match"
            name="match"
            rows={2}
            defaultValue={rb?.match.join("\n")}
            className="mono"
          />
          <p className="field-hint">
            One per line, e.g. alertname=~"Postgres.*" or {"{"}team="data", severity="critical"{"}"}.
          </p>
          {props.error ? <MatchErrors error={props.error} /> : null}
        </div>
      </div>
      <div className="rb-body-grid">
        <div className="field">
          <label htmlFor="rb-body">Body (Markdown)</label>
          <textarea
            id="rb-body"
            className="pm-textarea mono"
            rows={20}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
          {err("body")}
        </div>
        <section className="rb-preview" aria-label="Preview">
          <p className="muted small">Preview</p>
          <Markdown text={body} />
        </section>
      </div>
      <div className="field">
        <label htmlFor="rb-message">What changed</label>
        <input id="rb-message" name="message" placeholder="Optional: shown in the version history" />
      </div>
      <ProblemMessage error={props.error} fields={["name", "title", "services", "body"]} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={props.pending}>
          {rb ? "Save runbook" : "Create runbook"}
        </button>
        {props.onCancel ? (
          <button type="button" className="button button-ghost" onClick={props.onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** Matcher errors name the line (`body.match.2`): say which line, people count from one. */
function MatchErrors({ error }: { error: unknown }) {
  const issues =
    (error as { problem?: { errors?: { path: string; message: string }[] } }).problem?.errors?.filter((e) =>
      /(^|\.)match\.\d+$/.test(e.path),
    ) ?? [];
  return (
    <>
      {issues.map((i) => (
        <p key={i.path} className="field-error">
          line {Number(i.path.split(".").pop()) + 1}: {i.message}
        </p>
      ))}
    </>
  );
}
