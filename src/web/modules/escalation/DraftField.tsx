import { type InputHTMLAttributes, useId } from "react";

/**
 * A labelled input of the policy editor with its API error under it. The editor keeps its state itself
 * (levels come and go), so errors are passed as text rather than looked up by the input's name.
 */
export function DraftField({
  label,
  message,
  hint,
  onValue,
  ...input
}: {
  label: string;
  message: string | undefined;
  hint?: string;
  onValue: (value: string) => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "onChange">) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : "", message ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(e) => onValue(e.currentTarget.value)}
        {...input}
      />
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {message ? (
        <p className="field-error" id={`${id}-error`}>
          {message}
        </p>
      ) : null}
    </div>
  );
}
