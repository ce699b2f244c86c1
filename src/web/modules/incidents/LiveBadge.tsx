import type { LiveState } from "./useIncidentStream.ts";

const text: Record<LiveState, { label: string; title: string }> = {
  connecting: { label: "Connecting…", title: "Connecting to live updates" },
  live: { label: "Live", title: "Changes appear as they happen, without reloading" },
  offline: { label: "Reconnecting…", title: "Live updates are interrupted; the page reconnects by itself" },
};

/** Whether the page is receiving live updates; a stale incident page must not pass for a current one. */
export function LiveBadge({ state }: { state: LiveState }) {
  return (
    <span className={`live-badge live-${state}`} title={text[state].title} role="status">
      <span className="live-dot" aria-hidden="true" />
      {text[state].label}
    </span>
  );
}
