import { z } from "zod";
import { pageLimit } from "../../platform/schema-common.ts";

export const contactMethodTypes = ["email", "slack", "webhook"] as const;
export type ContactMethodType = (typeof contactMethodTypes)[number];

export const messageStates = ["pending", "sending", "sent", "failed"] as const;
export type MessageState = (typeof messageStates)[number];

const httpUrl = z.url({ protocol: /^https?$/ }).max(2000);
const common = {
  label: z.string().trim().min(1).max(100).optional(),
  /** GoAlert's convention: a new method notifies at once unless asked not to, so nobody is unreachable. */
  immediateRule: z.boolean().default(true),
};

export const createContactMethodBody = z.discriminatedUnion("type", [
  z.object({ type: z.literal("email"), address: z.email().max(254), ...common }).strict(),
  z.object({ type: z.literal("slack"), url: httpUrl, ...common }).strict(),
  z.object({ type: z.literal("webhook"), url: httpUrl, ...common }).strict(),
]);
export type CreateContactMethod = z.output<typeof createContactMethodBody>;

export const contactMethodView = z.object({
  id: z.string(),
  type: z.enum(contactMethodTypes),
  label: z.string(),
  /** Shown, not stored, form: Slack URLs are masked (they are credentials). */
  target: z.string(),
  createdAt: z.string(),
});
export type ContactMethodView = z.output<typeof contactMethodView>;

export const createdContactMethodView = contactMethodView.extend({
  /** A webhook's signing secret: in this response only, never again. */
  signingSecret: z.string().nullable(),
});

export const notificationRule = z
  .object({
    contactMethod: z.string().min(1).max(100),
    delayMinutes: z.number().int().min(0).max(1440),
  })
  .strict();
export type NotificationRule = z.output<typeof notificationRule>;

export const rulesBody = z.object({ items: z.array(notificationRule).max(50) }).strict();
export const rulesView = z.object({ items: z.array(notificationRule) });

export const messageView = z.object({
  id: z.string(),
  subject: z.string(),
  user: z.string(),
  contactMethod: z.string(),
  channel: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  state: z.enum(messageStates),
  attempts: z.number(),
  lastError: z.string().nullable(),
  /** The next attempt (pending) or the current one (sending). */
  dueAt: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type MessageView = z.output<typeof messageView>;

export const listMessagesQuery = z
  .object({
    subject: z.string().max(300).optional(),
    user: z.string().max(200).optional(),
    state: z.enum(messageStates).optional(),
    limit: pageLimit,
    /** The id of the last message of the previous page (newest first). */
    before: z.string().max(64).optional(),
  })
  .strict();
/** The filter of `listMessages`: what the route parses, and what other modules pass. */
export interface ListMessagesQuery {
  subject?: string;
  user?: string;
  state?: MessageState;
  limit?: number;
  before?: string;
}
