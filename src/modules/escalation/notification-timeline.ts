import type { Clock } from "../../platform/clock.ts";
import type { EventSubscriber } from "../../platform/events/index.ts";
import { addTimelineEntry } from "../incidents/index.ts";

const incidentPrefix = "incident:";

/**
 * Puts the outcome of every notification about an incident on its timeline ("sent to alice by email",
 * "failed for bob by webhook: 400 …"), so responders see who was reached without opening the log. Runs as
 * a durable event subscriber: once per event, in the same transaction as its job's completion.
 */
export function notificationTimelineSubscriber(clock: Clock): EventSubscriber {
  return {
    name: "escalation-notification-timeline",
    types: ["notification.sent", "notification.failed"],
    async handle(trx, event) {
      if (!event.subject.startsWith(incidentPrefix)) return;
      const p = event.payload as {
        user?: string;
        channel?: string;
        error?: string | null;
        messageId?: string;
      };
      const sent = event.type === "notification.sent";
      const text = sent
        ? `notified ${p.user} by ${p.channel}`
        : `notification to ${p.user} by ${p.channel} failed${p.error ? `: ${p.error}` : ""}`;
      await addTimelineEntry(trx, clock, event.subject.slice(incidentPrefix.length), {
        kind: "notification",
        actor: "opsdeck",
        text,
        data: { messageId: p.messageId, user: p.user, channel: p.channel, state: sent ? "sent" : "failed" },
      });
    },
  };
}
