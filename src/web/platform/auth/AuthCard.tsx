import type { ReactNode } from "react";
import { ThemeToggle } from "../../shell/ThemeToggle.tsx";

/** The centred card of the pages seen before signing in (setup and login). */
export function AuthCard(props: { title: string; subtitle: string; children: ReactNode }) {
  return (
    <main className="standalone">
      <div className="standalone-tools">
        <ThemeToggle />
      </div>
      <div className="card auth-card">
        <p className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          opsdeck
        </p>
        <h1>{props.title}</h1>
        <p className="muted">{props.subtitle}</p>
        {props.children}
      </div>
    </main>
  );
}
