import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { incidentKeys } from "./queries.ts";

/**
 * Event names the stream sends (`event:` lines). EventSource only hands named events to listeners of that
 * exact name, so each one is subscribed.
 */
const eventTypes = [
  "incident.triggered",
  "incident.acknowledged",
  "incident.resolved",
  "incident.updated",
  "incident.note_added",
  "incident.status_update",
  "incident.merged",
  "alert.firing",
  "alert.resolved",
  "alert.suppressed",
];

/** A burst of alerts (one Alertmanager group) is one refetch, not one per event. */
const settleMs = 250;
/**
 * The server ends each stream after a few seconds and the browser reconnects within one; only a longer gap
 * (server restart, network loss) may have dropped events, so only then is everything refetched.
 */
const outageMs = 4_000;

export type LiveState = "connecting" | "live" | "offline";

/**
 * Keeps the incident (and alert) queries fresh from the server-sent event stream: each event invalidates
 * the lists and the affected incident, so open pages refetch what changed. `incident` narrows the stream
 * to one incident. EventSource reconnects by itself and resumes after Last-Event-ID.
 */
export function useIncidentStream(incident?: string): LiveState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>("connecting");

  useEffect(() => {
    const url = incident
      ? `/api/v1/incidents/stream?incident=${encodeURIComponent(incident)}`
      : "/api/v1/incidents/stream";
    const source = new EventSource(url);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let offlineTimer: ReturnType<typeof setTimeout> | undefined;
    let lostAt: number | null = null;
    const touched = new Set<string>();
    let alerts = false;

    const refresh = () => {
      timer = undefined;
      void queryClient.invalidateQueries({ queryKey: incidentKeys.lists });
      for (const id of touched) void queryClient.invalidateQueries({ queryKey: incidentKeys.one(id) });
      // The page's own key may be the number in the URL rather than the id the event names.
      if (incident) void queryClient.invalidateQueries({ queryKey: incidentKeys.one(incident) });
      if (alerts) void queryClient.invalidateQueries({ queryKey: ["alerts", "list"] });
      touched.clear();
      alerts = false;
    };
    const schedule = () => {
      timer ??= setTimeout(refresh, settleMs);
    };
    const onEvent = (event: MessageEvent<string>) => {
      try {
        const e = JSON.parse(event.data) as { type?: string; payload?: Record<string, unknown> };
        const p = e.payload ?? {};
        if (typeof p.id === "string") touched.add(p.id);
        if (typeof p.number === "number") touched.add(String(p.number));
        if (Array.isArray(p.incidentIds)) for (const id of p.incidentIds) touched.add(String(id));
        if (e.type?.startsWith("alert.")) alerts = true;
      } catch {
        // An event we cannot read still means something changed: refetch the lists.
      }
      schedule();
    };

    source.addEventListener("open", () => {
      clearTimeout(offlineTimer);
      offlineTimer = undefined;
      if (lostAt !== null && Date.now() - lostAt > outageMs) {
        alerts = true;
        void queryClient.invalidateQueries({ queryKey: incidentKeys.all });
        schedule();
      }
      lostAt = null;
      setState("live");
    });
    source.addEventListener("error", () => {
      lostAt ??= Date.now();
      offlineTimer ??= setTimeout(() => setState("offline"), outageMs);
    });
    for (const type of eventTypes) source.addEventListener(type, onEvent);
    return () => {
      source.close();
      clearTimeout(timer);
      clearTimeout(offlineTimer);
    };
  }, [incident, queryClient]);

  return state;
}
