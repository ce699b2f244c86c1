import type { LinkProps } from "@tanstack/react-router";
import type { Role } from "./lib/types.ts";

/** Any page of the route tree; tsc rejects a path that no route serves. */
export type NavPath = NonNullable<LinkProps["to"]>;

/**
 * The navigation, as data: a module that ships its pages adds (or un-plans) one entry here and the
 * sidebar, the home page and the placeholder pages follow.
 */
export interface NavEntry {
  /** Stable key; for planned modules also the URL segment of their placeholder page (`/$module`). */
  key: string;
  label: string;
  description: string;
  /**
   * The module's page. A module without one is planned: its link leads to the "coming in a later
   * release" page at `/$module`.
   */
  to?: NavPath;
  /** Hidden from users below this role; the server enforces the same rule on the API. */
  minRole?: Role;
}

export interface NavSection {
  label: string;
  entries: NavEntry[];
}

/** A module that is announced in the navigation but whose pages arrive in a later release. */
function planned(key: string, label: string, description: string): NavEntry {
  return { key, label, description };
}

export const nav: NavSection[] = [
  {
    label: "Overview",
    entries: [{ key: "home", label: "Home", description: "Where to start.", to: "/" }],
  },
  {
    label: "Operate",
    entries: [
      {
        key: "catalog",
        label: "Catalog",
        description: "Services with their tier, owners, dependencies, RTO/RPO and runbooks.",
        to: "/catalog",
      },
      {
        key: "incidents",
        label: "Incidents",
        description: "Incidents with roles, timeline and status updates, updated live.",
        to: "/incidents",
      },
      {
        key: "alerts",
        label: "Alerts",
        description: "Alert intake from Alertmanager, Grafana and webhooks, deduplicated and grouped.",
        to: "/alerts",
      },
      {
        key: "oncall",
        label: "On-call",
        description: "Schedules, rotations, overrides and who is on call now.",
        to: "/oncall",
      },
      {
        key: "escalation",
        label: "Escalation",
        description: "Escalation policies: who is paged when an incident triggers, and who next.",
        to: "/escalation",
      },
      {
        key: "slos",
        label: "SLOs",
        description: "Service level objectives and error budgets, OpenSLO compatible.",
        to: "/slos",
      },
      {
        key: "cost",
        label: "Cost",
        description: "Cloud spend from FOCUS billing exports, by team and service, with budgets.",
        to: "/cost",
      },
      planned(
        "changes",
        "Changes",
        "Change requests, CAB approval, maintenance windows, freezes and DORA metrics.",
      ),
      planned("dr", "DR", "Backups, restore tests and DR exercises against each service's RTO and RPO."),
      planned("vulns", "Vulnerabilities", "Scan results from Trivy, Grype and SARIF with remediation SLAs."),
      {
        key: "postmortems",
        label: "Postmortems",
        description: "Postmortems, action items and runbooks, linked to incidents and services.",
        to: "/postmortems",
      },
      {
        key: "reports",
        label: "Reports",
        description: "KPIs (MTTA, MTTR, on-call load, alert noise) and the monthly operations review.",
        to: "/reports",
      },
    ],
  },
  {
    label: "Admin",
    entries: [
      {
        key: "users",
        label: "Users",
        description: "People who sign in to opsdeck, and their roles.",
        to: "/admin/users",
      },
      {
        key: "teams",
        label: "Teams",
        description: "Teams and their members: the owners of services, schedules and cost.",
        to: "/admin/teams",
      },
      {
        key: "tokens",
        label: "API tokens",
        description: "Tokens for scripts and CI pipelines that call the API.",
        to: "/admin/tokens",
      },
      {
        key: "my-notifications",
        label: "My notifications",
        description: "Your contact methods and notification rules: how and when opsdeck pages you.",
        to: "/me/notifications",
      },
      {
        key: "notification-log",
        label: "Notification log",
        description: "Every notification sent or tried, with its state and last error.",
        to: "/admin/notifications",
        minRole: "manager",
      },
      {
        key: "audit",
        label: "Audit log",
        description: "Every change: who, what, when, before and after.",
        to: "/admin/audit",
        minRole: "manager",
      },
    ],
  },
];

/** The planned module behind a placeholder URL segment, if there is one. */
export function plannedModule(key: string): NavEntry | undefined {
  return nav.flatMap((s) => s.entries).find((e) => e.to === undefined && e.key === key);
}
