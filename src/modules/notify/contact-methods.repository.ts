import type { Kysely, Selectable } from "kysely";
import type { Tables } from "../../platform/db/tables.ts";
import { displayTarget } from "./notify.policy.ts";
import type { ContactMethodType, ContactMethodView, NotificationRule } from "./notify.schema.ts";
import type { ContactMethodTable } from "./notify.tables.ts";

export type ContactMethodRow = Selectable<ContactMethodTable>;

export function presentContactMethod(r: ContactMethodRow): ContactMethodView {
  return {
    id: r.id,
    type: r.type as ContactMethodType,
    label: r.label,
    target: displayTarget(r.type, r.target),
    createdAt: r.created_at,
  };
}

export function findContactMethod(db: Kysely<Tables>, id: string): Promise<ContactMethodRow | undefined> {
  return db.selectFrom("notify_contact_methods").selectAll().where("id", "=", id).executeTakeFirst();
}

export function contactMethodsOf(db: Kysely<Tables>, user: string): Promise<ContactMethodRow[]> {
  return db
    .selectFrom("notify_contact_methods")
    .selectAll()
    .where("user_name", "=", user)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export async function rulesOf(db: Kysely<Tables>, user: string): Promise<NotificationRule[]> {
  const rows = await db
    .selectFrom("notify_rules")
    .select(["contact_method_id", "delay_minutes"])
    .where("user_name", "=", user)
    .orderBy("delay_minutes")
    .orderBy("contact_method_id")
    .execute();
  return rows.map((r) => ({ contactMethod: r.contact_method_id, delayMinutes: Number(r.delay_minutes) }));
}

export async function replaceRules(
  db: Kysely<Tables>,
  user: string,
  rules: NotificationRule[],
): Promise<void> {
  await db.deleteFrom("notify_rules").where("user_name", "=", user).execute();
  if (rules.length === 0) return;
  await db
    .insertInto("notify_rules")
    .values(
      rules.map((r) => ({
        contact_method_id: r.contactMethod,
        user_name: user,
        delay_minutes: r.delayMinutes,
      })),
    )
    .execute();
}

/** A user's rules with the contact method each one uses: what planning a notification reads. */
export function rulesWithMethods(db: Kysely<Tables>, user: string) {
  return db
    .selectFrom("notify_rules as r")
    .innerJoin("notify_contact_methods as m", "m.id", "r.contact_method_id")
    .select(["m.id as methodId", "m.type as type", "r.delay_minutes as delayMinutes"])
    .where("r.user_name", "=", user)
    .orderBy("r.delay_minutes")
    .orderBy("m.id")
    .execute();
}
