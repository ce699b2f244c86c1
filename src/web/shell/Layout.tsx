import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, Outlet, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { api } from "../lib/api.ts";
import { meQuery } from "../lib/session.ts";
import { Sidebar } from "./Sidebar.tsx";
import { ThemeToggle } from "./ThemeToggle.tsx";

/** The frame of every signed-in page: navigation on the left, the user's controls on top. */
export function Layout() {
  const { data: me } = useQuery(meQuery);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = useState(false);

  const signOut = async () => {
    setSigningOut(true);
    try {
      await api("/api/v1/auth/logout", { method: "POST" });
    } catch {
      // An expired session answers 401 here; signing out locally is still right.
    }
    // Forget everything cached under this session.
    queryClient.clear();
    await navigate({ to: "/login", search: {} });
  };

  // The session just ended (a 401 elsewhere); the route guard is already redirecting to the login page.
  if (!me) return null;

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Sidebar role={me.role} />
      <div className="shell-main">
        <header className="topbar">
          <div className="topbar-spacer" />
          <ThemeToggle />
          <div className="user-chip" title={me.email}>
            <span className="avatar" aria-hidden="true">
              {(me.displayName || me.name).slice(0, 1).toUpperCase()}
            </span>
            <span>
              <span className="user-name">{me.displayName}</span>
              <span className="user-role">{me.role}</span>
            </span>
          </div>
          <Link to="/admin/tokens" className="button button-ghost">
            API tokens
          </Link>
          <button type="button" className="button" onClick={() => void signOut()} disabled={signingOut}>
            Sign out
          </button>
        </header>
        <main id="main" className="content" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
