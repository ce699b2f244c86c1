import { ApiError } from "../lib/api.ts";

/**
 * The summary of a failed request above a form or list. When every field issue is already shown next to
 * its field, the summary only says so instead of repeating them.
 */
export function ProblemMessage({ error, fields = [] }: { error: unknown; fields?: string[] }) {
  if (!error) return null;
  if (!(error instanceof ApiError)) {
    return (
      <div className="notice notice-error" role="alert">
        <strong>Something went wrong.</strong> {error instanceof Error ? error.message : String(error)}
      </div>
    );
  }
  const { title, detail, errors = [], requestId } = error.problem;
  const covered =
    errors.length > 0 && errors.every((e) => fields.some((f) => e.path === f || e.path.endsWith(`.${f}`)));
  return (
    <div className="notice notice-error" role="alert">
      <strong>{title}.</strong> {covered ? "Check the highlighted fields." : detail}
      {requestId && error.status >= 500 ? <span className="muted"> Request id: {requestId}</span> : null}
    </div>
  );
}
