import { queryOptions } from "@tanstack/react-query";
import { api } from "../../lib/api.ts";
import type { LogSearch } from "./search.ts";
import type { ContactMethodView, CreatedContactMethod, MessageView, NotificationRule } from "./types.ts";

const methods = "/api/v1/me/contact-methods";
const rules = "/api/v1/me/notification-rules";

export const contactMethodsQuery = queryOptions({
  queryKey: ["notify", "contact-methods"],
  queryFn: ({ signal }) => api<{ items: ContactMethodView[] }>(methods, { signal }),
});

export const rulesQuery = queryOptions({
  queryKey: ["notify", "rules"],
  queryFn: ({ signal }) => api<{ items: NotificationRule[] }>(rules, { signal }),
});

export function logQuery(search: LogSearch) {
  return queryOptions({
    queryKey: ["notify", "log", search],
    queryFn: ({ signal }) =>
      api<{ items: MessageView[] }>("/api/v1/notifications", {
        signal,
        query: { subject: search.subject, user: search.user, state: search.state, limit: 100 },
      }),
  });
}

export function addContactMethod(body: Record<string, unknown>): Promise<CreatedContactMethod> {
  return api<CreatedContactMethod>(methods, { method: "POST", body });
}

export function removeContactMethod(id: string): Promise<void> {
  return api<void>(`${methods}/${encodeURIComponent(id)}`, { method: "DELETE" });
}

export function testContactMethod(id: string): Promise<MessageView> {
  return api<MessageView>(`${methods}/${encodeURIComponent(id)}/test`, { method: "POST" });
}

export function putRules(items: NotificationRule[]): Promise<{ items: NotificationRule[] }> {
  return api<{ items: NotificationRule[] }>(rules, { method: "PUT", body: { items } });
}
