import { type ReactNode, useEffect } from "react";
import { ProblemMessage } from "./ProblemMessage.tsx";

/** Every page starts with one h1, so the document outline and the browser tab agree. */
export function PageHeader(props: { title: string; description?: ReactNode; actions?: ReactNode }) {
  useEffect(() => {
    document.title = `${props.title} · opsdeck`;
  }, [props.title]);
  return (
    <header className="page-header">
      <div>
        <h1>{props.title}</h1>
        {props.description ? <p className="muted">{props.description}</p> : null}
      </div>
      {props.actions ? <div className="page-actions">{props.actions}</div> : null}
    </header>
  );
}

/** What a list shows while its query loads or after it failed; children render once data is there. */
export function QueryState(props: { isPending: boolean; error: unknown; children: ReactNode }) {
  if (props.error) return <ProblemMessage error={props.error} />;
  if (props.isPending)
    return (
      <p className="muted" aria-busy="true">
        Loading…
      </p>
    );
  return <>{props.children}</>;
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function Panel(props: { title?: string; children: ReactNode; className?: string }) {
  return (
    <section className={`panel ${props.className ?? ""}`} aria-label={props.title}>
      {props.title ? <h2>{props.title}</h2> : null}
      {props.children}
    </section>
  );
}
