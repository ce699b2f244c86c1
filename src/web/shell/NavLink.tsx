import { Link } from "@tanstack/react-router";
import type { ReactNode } from "react";
import type { NavEntry } from "../nav.ts";

/** A link to a navigation entry: its own page, or the placeholder page while the module is planned. */
export function NavLink(props: { entry: NavEntry; className: string; children: ReactNode; exact?: boolean }) {
  const active = { "aria-current": "page" as const, className: `${props.className} active` };
  const activeOptions = { exact: props.exact ?? false };
  if (props.entry.to === undefined) {
    return (
      <Link
        to="/$module"
        params={{ module: props.entry.key }}
        className={props.className}
        activeProps={active}
        activeOptions={activeOptions}
      >
        {props.children}
      </Link>
    );
  }
  return (
    <Link to={props.entry.to} className={props.className} activeProps={active} activeOptions={activeOptions}>
      {props.children}
    </Link>
  );
}
