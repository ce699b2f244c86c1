import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, useId } from "react";
import { fieldError } from "../lib/api.ts";

interface Common {
  label: string;
  name: string;
  /** The last error of the form's mutation; the field shows the issue whose path ends with its name. */
  error?: unknown;
  hint?: ReactNode;
}

/** Wires label, hint and error to the control by id, so screen readers (and tests) find them by label. */
function useFieldIds(hint: ReactNode, message: string | undefined) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = message ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return { id, hintId, errorId, describedBy };
}

function FieldShell(props: {
  id: string;
  label: string;
  hint: ReactNode;
  hintId: string | undefined;
  message: string | undefined;
  errorId: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.hint ? (
        <p className="field-hint" id={props.hintId}>
          {props.hint}
        </p>
      ) : null}
      {props.message ? (
        <p className="field-error" id={props.errorId}>
          {props.message}
        </p>
      ) : null}
    </div>
  );
}

export function TextField({
  label,
  name,
  error,
  hint,
  ...input
}: Common & InputHTMLAttributes<HTMLInputElement>) {
  const message = fieldError(error, name);
  const ids = useFieldIds(hint, message);
  return (
    <FieldShell label={label} hint={hint} message={message} {...ids}>
      <input
        id={ids.id}
        name={name}
        aria-invalid={message ? true : undefined}
        aria-describedby={ids.describedBy}
        {...input}
      />
    </FieldShell>
  );
}

export function SelectField({
  label,
  name,
  error,
  hint,
  options,
  ...select
}: Common & SelectHTMLAttributes<HTMLSelectElement> & { options: readonly string[] }) {
  const message = fieldError(error, name);
  const ids = useFieldIds(hint, message);
  return (
    <FieldShell label={label} hint={hint} message={message} {...ids}>
      <select
        id={ids.id}
        name={name}
        aria-invalid={message ? true : undefined}
        aria-describedby={ids.describedBy}
        {...select}
      >
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/**
 * A required field's text, "" when blank: the server then answers with the field's rule ("must be an
 * email") rather than a bare "expected string, received undefined".
 */
export function formValue(data: FormData, name: string): string {
  return formText(data, name) ?? "";
}

/** An optional field's text; blank comes back as undefined so the server applies its default. */
export function formText(data: FormData, name: string): string | undefined {
  const value = data.get(name);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}
