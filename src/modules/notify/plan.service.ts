import type { Kysely } from "kysely";
import { addMs, type Clock, toIso } from "../../platform/clock.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { InputError } from "../../platform/errors.ts";
import { newId } from "../../platform/ids.ts";
import { rulesWithMethods } from "./contact-methods.repository.ts";
import { enqueueDelivery } from "./delivery-jobs.ts";
import { insertMessage, messageIdsOfPlan } from "./messages.repository.ts";

/** What another module asks to tell a user. `dedupKey` names the notification (e.g. `incident:ID:page:1:alice`). */
export interface NotificationRequest {
  /** The user's `name`. */
  user: string;
  /** What it is about, e.g. `incident:ID`; its timeline lists the messages by this. */
  subject: string;
  title: string;
  body: string;
  /** Absolute, or a path that is resolved against OPSDECK_BASE_URL. */
  link?: string | null;
  dedupKey: string;
}

/** A caller's long alert text must not stop a page: long fields are cut, not refused. */
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

interface NewMessage {
  user: string;
  subject: string;
  title: string;
  body: string;
  link: string | null;
  methodId: string;
  channel: string;
  planKey: string;
  dedupKey: string;
  dueAt: Date;
}

/** Inserts one message and the job that delivers it when due; undefined when its dedup key is taken. */
export async function addMessage(
  trx: Kysely<Tables>,
  clock: Clock,
  m: NewMessage,
): Promise<string | undefined> {
  const now = clock.now();
  const id = newId(now);
  const inserted = await insertMessage(trx, {
    id,
    subject: m.subject,
    user_name: m.user,
    contact_method_id: m.methodId,
    channel: m.channel,
    title: cut(m.title, 300),
    body: cut(m.body, 8000),
    link: m.link,
    state: "pending",
    attempts: 0,
    last_error: null,
    plan_key: m.planKey,
    dedup_key: m.dedupKey,
    due_at: toIso(m.dueAt),
    attempt_token: null,
    attempt_started_at: null,
    created_at: toIso(now),
    updated_at: toIso(now),
    sent_at: null,
  });
  if (!inserted) return undefined;
  await enqueueDelivery(trx, clock, id, m.dueAt, "planned");
  return id;
}

/**
 * Plans a notification inside the caller's transaction: one message per notification rule of the user,
 * each delivered by a durable job after the rule's delay. Returns the message ids, in rule order. Planning
 * a `dedupKey` again creates nothing and returns the messages it created the first time. A user without
 * rules (or without such a name) gets nothing: an empty list tells the caller nobody was reached.
 */
export async function planNotifications(
  trx: Kysely<Tables>,
  clock: Clock,
  n: NotificationRequest,
): Promise<string[]> {
  if (!n.user || !n.subject || !n.dedupKey) throw new InputError("user, subject and dedupKey are required");
  const planKey = cut(n.dedupKey, 500);
  const existing = await messageIdsOfPlan(trx, planKey);
  if (existing.length > 0) return existing;
  const ids: string[] = [];
  for (const rule of await rulesWithMethods(trx, n.user)) {
    const delay = Number(rule.delayMinutes);
    const id = await addMessage(trx, clock, {
      user: n.user,
      subject: n.subject,
      title: n.title,
      body: n.body,
      link: n.link ?? null,
      methodId: rule.methodId,
      channel: rule.type,
      planKey,
      dedupKey: `${planKey}#${rule.methodId}#${delay}`,
      dueAt: addMs(clock.now(), delay * 60_000),
    });
    if (id) ids.push(id);
  }
  return ids;
}
