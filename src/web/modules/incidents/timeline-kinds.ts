import type { TimelineEntry } from "./types.ts";

/** How each kind of timeline entry looks: a label and a tone the CSS colours the marker with. */
export interface KindLook {
  label: string;
  tone: "danger" | "warn" | "ok" | "accent" | "neutral";
  /** People's words (notes, status updates) are shown as a message, machine entries as one line. */
  message?: boolean;
}

const looks: Record<string, KindLook> = {
  "incident.triggered": { label: "Opened", tone: "danger" },
  "incident.acknowledged": { label: "Acknowledged", tone: "warn" },
  "incident.resolved": { label: "Resolved", tone: "ok" },
  "alert.firing": { label: "Alert fired", tone: "danger" },
  "alert.resolved": { label: "Alert resolved", tone: "ok" },
  "alert.acknowledged": { label: "Alert acknowledged", tone: "warn" },
  note: { label: "Note", tone: "neutral", message: true },
  status_update: { label: "Status update", tone: "accent", message: true },
  role: { label: "Role", tone: "neutral" },
  severity: { label: "Severity", tone: "warn" },
  services: { label: "Services", tone: "neutral" },
  updated: { label: "Changed", tone: "neutral" },
  merge: { label: "Merge", tone: "accent" },
};

/** Kinds other modules add (notifications from on-call) fall back to a neutral look with their own name. */
export function lookOf(kind: string): KindLook {
  const known = looks[kind];
  if (known) return known;
  if (kind.startsWith("notification")) return { label: "Notification", tone: "accent" };
  const words = kind.replace(/[._]/g, " ");
  return { label: words.charAt(0).toUpperCase() + words.slice(1), tone: "neutral" };
}

/**
 * In the order things happened. The server numbers entries as they are written; entries written later about
 * an earlier instant (imported or replayed history) still sort by when they happened.
 */
export function inOrder(entries: TimelineEntry[]): TimelineEntry[] {
  return [...entries].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq));
}

const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: "medium" });
const withDay = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** Today's entries show the time only; older ones carry their day. */
export function entryTime(iso: string, now = new Date()): string {
  const at = new Date(iso);
  return at.toDateString() === now.toDateString() ? timeOnly.format(at) : withDay.format(at);
}
