/** Shapes of the notify API, from the server's zod schemas (type-only imports). */
import type {
  ContactMethodType,
  ContactMethodView,
  MessageState,
  MessageView,
  NotificationRule,
} from "../../../modules/notify/notify.schema.ts";

export type { ContactMethodType, ContactMethodView, MessageState, MessageView, NotificationRule };

export interface CreatedContactMethod extends ContactMethodView {
  signingSecret: string | null;
}

/** `messageStates` of the server schema (a value import would pull zod into the bundle). */
export const messageStates: readonly MessageState[] = ["pending", "sending", "sent", "failed"];
export const contactMethodTypes: readonly ContactMethodType[] = ["email", "slack", "webhook"];
