import { type FormEvent, useState } from "react";
import { ProblemMessage } from "../../ui/ProblemMessage.tsx";
import { DraftField } from "./DraftField.tsx";
import { issuesAt, newLevel, shownPaths, toSpec } from "./draft.ts";
import type { LevelDraft, PolicyDraft } from "./types.ts";

const maxLevels = 10;

/**
 * The form of one policy: its levels (wait, targets), rounds, services and the default flag. `onSave`
 * gets the spec; its error's field issues are shown next to the fields they name.
 */
export function PolicyEditor(props: {
  initial: PolicyDraft;
  isNew: boolean;
  canEdit: boolean;
  saving: boolean;
  saved: boolean;
  error: unknown;
  onSave: (name: string, spec: Record<string, unknown>) => void;
}) {
  const [draft, setDraft] = useState(props.initial);
  const { error } = props;
  const set = (patch: Partial<PolicyDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setLevel = (key: number, patch: Partial<LevelDraft>) =>
    setDraft((d) => ({ ...d, levels: d.levels.map((l) => (l.key === key ? { ...l, ...patch } : l)) }));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    props.onSave(draft.name.trim(), toSpec(draft));
  };
  const ro = !props.canEdit;
  return (
    <form onSubmit={submit} noValidate className="policy-editor" aria-label="Escalation policy">
      <ProblemMessage error={error} fields={shownPaths(error)} />
      {props.saved ? <p className="notice notice-success">Policy saved.</p> : null}
      {props.isNew ? (
        <DraftField
          label="Name"
          value={draft.name}
          onValue={(name) => set({ name })}
          message={issuesAt(error, "name")}
          required
        />
      ) : null}
      <DraftField
        label="Description"
        value={draft.description}
        onValue={(description) => set({ description })}
        message={issuesAt(error, "description")}
        readOnly={ro}
      />
      <fieldset className="levels">
        <legend>Levels</legend>
        {issuesAt(error, "levels", true) ? (
          <p className="field-error">{issuesAt(error, "levels", true)}</p>
        ) : null}
        <ol className="level-list">
          {draft.levels.map((l, i) => (
            <li key={l.key} className="level-row" data-level={i}>
              <span className="level-number">Level {i}</span>
              <DraftField
                label={`Level ${i} after minutes`}
                hint={i === 0 ? "After the incident triggered" : "After the level before fired"}
                value={l.afterMinutes}
                inputMode="decimal"
                onValue={(afterMinutes) => setLevel(l.key, { afterMinutes })}
                message={issuesAt(error, `levels.${i}.afterMinutes`)}
                readOnly={ro}
              />
              <DraftField
                label={`Level ${i} targets`}
                hint="schedule:NAME, user:NAME or team:NAME, comma-separated"
                value={l.targets}
                className="mono"
                onValue={(targets) => setLevel(l.key, { targets })}
                message={issuesAt(error, `levels.${i}.targets`)}
                readOnly={ro}
              />
              {props.canEdit && draft.levels.length > 1 ? (
                <button
                  type="button"
                  className="button button-small button-ghost"
                  onClick={() => set({ levels: draft.levels.filter((x) => x.key !== l.key) })}
                >
                  Remove level {i}
                </button>
              ) : null}
            </li>
          ))}
        </ol>
        {props.canEdit && draft.levels.length < maxLevels ? (
          <button
            type="button"
            className="button button-small"
            onClick={() => set({ levels: [...draft.levels, newLevel("5")] })}
          >
            Add level
          </button>
        ) : null}
      </fieldset>
      <div className="form-grid">
        <DraftField
          label="Repeat"
          hint="More rounds after the first (0–10)"
          value={draft.repeat}
          inputMode="numeric"
          onValue={(repeat) => set({ repeat })}
          message={issuesAt(error, "repeat")}
          readOnly={ro}
        />
        <DraftField
          label="Repeat after minutes"
          hint="From the last level to the next round; required with repeat"
          value={draft.repeatAfterMinutes}
          inputMode="decimal"
          onValue={(repeatAfterMinutes) => set({ repeatAfterMinutes })}
          message={issuesAt(error, "repeatAfterMinutes")}
          readOnly={ro}
        />
      </div>
      <DraftField
        label="Services"
        hint="Service names, comma-separated; a service belongs to at most one policy"
        value={draft.services}
        onValue={(services) => set({ services })}
        message={issuesAt(error, "services")}
        readOnly={ro}
      />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={draft.default}
          disabled={ro}
          onChange={(e) => set({ default: e.currentTarget.checked })}
        />
        Default policy: escalates incidents whose service no policy names
      </label>
      {issuesAt(error, "default") ? <p className="field-error">{issuesAt(error, "default")}</p> : null}
      {props.canEdit ? (
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={props.saving}>
            {props.saving ? "Saving…" : props.isNew ? "Create policy" : "Save policy"}
          </button>
        </div>
      ) : null}
    </form>
  );
}
