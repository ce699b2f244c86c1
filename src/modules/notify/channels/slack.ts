import type { ChannelDeps, OutgoingMessage } from "./channel.ts";
import { postJson } from "./http.ts";

/** Slack's limits (Block Kit reference): exceeding one makes Slack answer 400 invalid_blocks. */
const limits = { header: 150, section: 3000, field: 2000, buttonUrl: 3000 };

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
/** mrkdwn treats &, < and > as control characters (links, mentions). */
const escapeMrkdwn = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * A Block Kit message: a header, a section with the body and fields, and a button to the incident.
 * `text` is the fallback Slack shows in notifications, and what Mattermost's Slack-compatible incoming
 * webhooks render (they ignore `blocks`), so it carries everything in plain text with a bare link.
 */
export function slackPayload(m: OutgoingMessage): Record<string, unknown> {
  const section: Record<string, unknown> = {
    type: "section",
    fields: [
      { type: "mrkdwn", text: clip(`*Subject*\n${escapeMrkdwn(m.subject)}`, limits.field) },
      { type: "mrkdwn", text: clip(`*For*\n${escapeMrkdwn(m.user)}`, limits.field) },
    ],
  };
  if (m.body.trim()) section.text = { type: "mrkdwn", text: clip(escapeMrkdwn(m.body), limits.section) };
  const blocks: Record<string, unknown>[] = [
    {
      type: "header",
      text: { type: "plain_text", text: clip(m.title || "opsdeck", limits.header), emoji: true },
    },
    section,
  ];
  if (m.link && m.link.length <= limits.buttonUrl)
    blocks.push({
      type: "actions",
      elements: [
        {
          type: "button",
          action_id: "open",
          text: { type: "plain_text", text: "Open in opsdeck" },
          url: m.link,
          style: "primary",
        },
      ],
    });
  const text = [m.title, m.body, m.link].filter(Boolean).join("\n");
  return { text: clip(text, 4000), blocks };
}

export function sendSlack(m: OutgoingMessage, deps: ChannelDeps) {
  return postJson(m.target, JSON.stringify(slackPayload(m)), {}, deps);
}
