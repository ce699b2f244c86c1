import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef } from "react";
import { ProblemMessage } from "../../ui/ProblemMessage.tsx";
import { describeIssue, ImportError, uploadImport } from "./upload.ts";

/** Shows every issue of a refused import (file, row, column), not only the summary. */
function ImportProblem({ error }: { error: unknown }) {
  if (!(error instanceof ImportError)) return <ProblemMessage error={error} />;
  const { title, detail } = error.problem;
  return (
    <div className="notice notice-error" role="alert">
      <strong>{title}.</strong> {detail}
      {error.issues.length > 0 ? (
        <ul className="import-issues">
          {error.issues.slice(0, 50).map((issue, i) => (
            // Issues have no identity of their own; their order is the server's.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={i}>{describeIssue(issue)}</li>
          ))}
          {error.issues.length > 50 ? <li>… and {error.issues.length - 50} more</li> : null}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * Managers upload a FOCUS billing export (CSV, CSV.gz or Parquet). The import is all-or-nothing on the
 * server: a refused file changes nothing, and the issues name the file and row to fix.
 */
export function UploadForm() {
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const upload = useMutation({
    mutationFn: (file: File) => uploadImport(file),
    onSuccess: async () => {
      if (input.current) input.current.value = "";
      // Every cost figure may change with a new billing period.
      await queryClient.invalidateQueries({ queryKey: ["cost"] });
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (file) upload.mutate(file);
  };
  return (
    <form className="upload-form" onSubmit={submit} aria-label="Upload a billing export">
      <ImportProblem error={upload.error} />
      {upload.data ? (
        <div className="notice notice-success" role="status">
          {upload.data.imports.map((i) => (
            <p key={i.id}>
              Imported {i.rows.toLocaleString()} {i.rows === 1 ? "row" : "rows"} of account{" "}
              <span className="mono">{i.billingAccountId}</span> for {i.periodStart.slice(0, 10)} →{" "}
              {i.periodEnd.slice(0, 10)}
              {i.replaced ? ", replacing the earlier import of that period" : ""}
              {i.warnings.length > 0 ? ` (${i.warnings.length} warnings, listed below).` : "."}
            </p>
          ))}
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="cost-upload-file">Billing export</label>
        <input
          id="cost-upload-file"
          ref={input}
          type="file"
          name="file"
          required
          accept=".csv,.gz,.csv.gz,.parquet,text/csv,application/gzip"
          aria-describedby="cost-upload-hint"
        />
        <p className="field-hint" id="cost-upload-hint">
          A FOCUS 1.0+ export from AWS, Azure, GCP or OCI: CSV, CSV.gz or Parquet. Re-importing a billing
          period replaces it.
        </p>
      </div>
      <button type="submit" className="button button-primary" disabled={upload.isPending}>
        {upload.isPending ? "Importing…" : "Import"}
      </button>
    </form>
  );
}
