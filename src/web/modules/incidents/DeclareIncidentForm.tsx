import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import type { FormEvent } from "react";
import { api } from "../../lib/api.ts";
import { formText, formValue, TextField } from "../../ui/Field.tsx";
import { Panel } from "../../ui/Page.tsx";
import { ProblemMessage } from "../../ui/ProblemMessage.tsx";
import { serviceNamesQuery } from "../catalog/queries.ts";
import { incidentKeys } from "./queries.ts";
import { type IncidentDetail, severities, severityLabels } from "./types.ts";

const fields = ["title", "severity", "services", "summary"];

/** Declaring by hand: for what no alert caught (a customer report, a bad deploy noticed in time). */
export function DeclareIncidentForm({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const services = useQuery(serviceNamesQuery);
  const declare = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api<IncidentDetail>("/api/v1/incidents", { method: "POST", body }),
    onSuccess: async (incident) => {
      queryClient.setQueryData([...incidentKeys.one(String(incident.number)), "detail"], incident);
      await queryClient.invalidateQueries({ queryKey: incidentKeys.lists });
      onDone();
      await navigate({ to: "/incidents/$ref", params: { ref: String(incident.number) } });
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const service = formText(data, "service");
    declare.mutate({
      title: formValue(data, "title"),
      severity: formValue(data, "severity"),
      services: service ? [service] : [],
      summary: formText(data, "summary") ?? "",
    });
  };

  return (
    <Panel title="Declare an incident">
      <form onSubmit={submit} noValidate>
        <ProblemMessage error={declare.error} fields={fields} />
        <TextField
          label="Title"
          name="title"
          required
          error={declare.error}
          placeholder="Checkout fails for some customers in eu-west-1"
          hint="What is broken, for whom: people read it in pages and status updates."
        />
        <div className="form-grid">
          <div className="field">
            <label htmlFor="declare-severity">Severity</label>
            <select id="declare-severity" name="severity" defaultValue="SEV3">
              {severities.map((s) => (
                <option key={s} value={s}>
                  {s} · {severityLabels[s]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="declare-service">Affected service</label>
            <select id="declare-service" name="service" defaultValue="">
              <option value="">Not known yet</option>
              {services.data?.items.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.displayName}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor="declare-summary">Summary</label>
          <textarea
            id="declare-summary"
            name="summary"
            rows={3}
            placeholder="What is known so far: symptoms, since when, who noticed."
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={declare.isPending}>
            {declare.isPending ? "Declaring…" : "Declare incident"}
          </button>
          <button type="button" className="button" onClick={onDone}>
            Cancel
          </button>
        </div>
      </form>
    </Panel>
  );
}
