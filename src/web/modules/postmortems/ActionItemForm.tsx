import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useId } from "react";
import { fieldError } from "../../lib/api.ts";
import { usersQuery } from "../../platform/auth/queries.ts";
import { teamsQuery } from "../teams/queries.ts";
import { type ActionItemView, actionItemPriorities, actionItemStatuses, statusLabels } from "./types.ts";

export interface ActionItemInput {
  title: string;
  owner: string | null;
  team: string | null;
  dueDate: string | null;
  priority: string;
  status: string;
  externalUrl: string | null;
}

const blank = (data: FormData, name: string) => {
  const v = data.get(name);
  return typeof v === "string" && v.trim() !== "" ? v.trim() : null;
};

/** The fields of one action item, for adding one or changing one. Field errors come from the server. */
export function ActionItemForm(props: {
  item?: ActionItemView;
  error: unknown;
  pending: boolean;
  submitLabel: string;
  onSubmit: (input: ActionItemInput) => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const users = useQuery(usersQuery);
  const teams = useQuery(teamsQuery);
  const item = props.item;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    props.onSubmit({
      title: blank(data, "title") ?? "",
      owner: blank(data, "owner"),
      team: blank(data, "team"),
      dueDate: blank(data, "dueDate"),
      priority: blank(data, "priority") ?? "P3",
      status: blank(data, "status") ?? "open",
      externalUrl: blank(data, "externalUrl"),
    });
  };
  const field = (name: string, label: string, control: React.ReactNode, wide = false) => {
    const message = fieldError(props.error, name);
    return (
      <div className={`field ${wide ? "pm-field-wide" : ""}`}>
        <label htmlFor={`${id}-${name}`}>{label}</label>
        {control}
        {message ? (
          <p className="field-error" id={`${id}-${name}-error`}>
            {message}
          </p>
        ) : null}
      </div>
    );
  };
  const invalid = (name: string) => (fieldError(props.error, name) ? true : undefined);
  return (
    <form className="pm-item-form" onSubmit={submit} noValidate aria-label={props.submitLabel}>
      {field(
        "title",
        "Action item",
        <input
          id={`${id}-title`}
          name="title"
          defaultValue={item?.title}
          required
          aria-invalid={invalid("title")}
        />,
        true,
      )}
      {field(
        "owner",
        "Owner",
        <select
          id={`${id}-owner`}
          name="owner"
          defaultValue={item?.owner?.name ?? ""}
          aria-invalid={invalid("owner")}
        >
          <option value="">Nobody yet</option>
          {users.data?.items.map((u) => (
            <option key={u.id} value={u.name}>
              {u.displayName} ({u.name})
            </option>
          ))}
        </select>,
      )}
      {field(
        "team",
        "Team",
        <>
          <input
            id={`${id}-team`}
            name="team"
            list={`${id}-teams`}
            defaultValue={item?.team ?? ""}
            placeholder="the service's owner team"
            aria-invalid={invalid("team")}
          />
          <datalist id={`${id}-teams`}>
            {teams.data?.items.map((t) => (
              <option key={t.name} value={t.name}>
                {t.displayName}
              </option>
            ))}
          </datalist>
        </>,
      )}
      {field(
        "dueDate",
        "Due",
        <input
          id={`${id}-dueDate`}
          name="dueDate"
          type="date"
          defaultValue={item?.dueDate ?? ""}
          aria-invalid={invalid("dueDate")}
        />,
      )}
      {field(
        "priority",
        "Priority",
        <select id={`${id}-priority`} name="priority" defaultValue={item?.priority ?? "P3"}>
          {actionItemPriorities.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>,
      )}
      {field(
        "status",
        "Status",
        <select id={`${id}-status`} name="status" defaultValue={item?.status ?? "open"}>
          {actionItemStatuses.map((s) => (
            <option key={s} value={s}>
              {statusLabels[s]}
            </option>
          ))}
        </select>,
      )}
      {field(
        "externalUrl",
        "Tracker link",
        <input
          id={`${id}-externalUrl`}
          name="externalUrl"
          type="url"
          placeholder="https://"
          defaultValue={item?.externalUrl ?? ""}
          aria-invalid={invalid("externalUrl")}
        />,
        true,
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={props.pending}>
          {props.submitLabel}
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
