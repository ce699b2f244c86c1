import { type ErrorComponentProps, Link } from "@tanstack/react-router";
import { ProblemMessage } from "../ui/ProblemMessage.tsx";

/** The message itself, also shown inside the signed-in layout for unknown module paths. */
export function NotFoundContent() {
  return (
    <div className="card">
      <h1>Page not found</h1>
      <p className="muted">There is nothing at this address.</p>
      <Link to="/" className="button button-primary">
        Go to the home page
      </Link>
    </div>
  );
}

export function NotFoundPage() {
  return (
    <main className="standalone">
      <NotFoundContent />
    </main>
  );
}

/** Shown when a page crashed or its data could not load; keeps the message so it can be reported. */
export function ErrorPage({ error, reset }: ErrorComponentProps) {
  return (
    <main className="standalone">
      <div className="card">
        <h1>This page failed</h1>
        <ProblemMessage error={error} />
        <button type="button" className="button" onClick={reset}>
          Try again
        </button>
      </div>
    </main>
  );
}
