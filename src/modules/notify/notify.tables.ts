/** A way to reach a user. `target` is an e-mail address or a URL; a Slack URL is itself a credential. */
export interface ContactMethodTable {
  id: string;
  /** The user's `name`: the handle other records use. */
  user_name: string;
  /** email | slack | webhook */
  type: string;
  label: string;
  target: string;
  /** `whsec_…` for webhooks: kept in clear because signing needs it; shown once, never logged or audited. */
  secret: string | null;
  created_at: string;
  /**
   * Written first by every delivery to this method, so that on PostgreSQL concurrent deliveries queue on
   * this row and count the window's sends one after another (the rate limit stays exact across instances).
   */
  last_delivery_at: string | null;
}

/** "Notify me through this contact method `delay_minutes` after the notification is planned." */
export interface NotificationRuleTable {
  contact_method_id: string;
  user_name: string;
  delay_minutes: number;
}

/** One notification to one contact method, and the state of its delivery. */
export interface NotificationMessageTable {
  id: string;
  /** What it is about, e.g. `incident:0190…`: timelines list a subject's messages. */
  subject: string;
  user_name: string;
  /** No foreign key: a message outlives its contact method (and then fails, saying so). */
  contact_method_id: string;
  /** The contact method's type when planned. */
  channel: string;
  title: string;
  body: string;
  link: string | null;
  /** pending | sending | sent | failed */
  state: string;
  /** Send attempts started. */
  attempts: number;
  last_error: string | null;
  /** The caller's dedup key: planning it again adds nothing. */
  plan_key: string;
  /** plan_key plus the rule: unique, so that two instances planning concurrently insert one row. */
  dedup_key: string;
  /** When the next attempt is due (pending), or was started (sending). */
  due_at: string;
  /** Names the current attempt: only its holder may record the outcome of a `sending` message. */
  attempt_token: string | null;
  attempt_started_at: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

declare module "../../platform/db/tables.ts" {
  interface Tables {
    notify_contact_methods: ContactMethodTable;
    notify_rules: NotificationRuleTable;
    notify_messages: NotificationMessageTable;
  }
}
