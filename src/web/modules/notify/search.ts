import { type MessageState, messageStates } from "./types.ts";

/** URL search parameters of the notification log, so a filtered view can be shared. */
export interface LogSearch {
  subject?: string;
  user?: string;
  state?: MessageState;
}

const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim().slice(0, 300) : undefined);

export function parseLogSearch(search: Record<string, unknown>): LogSearch {
  const state = messageStates.find((s) => s === search.state);
  return { subject: text(search.subject), user: text(search.user), state };
}
