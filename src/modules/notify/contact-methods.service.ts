import { recordAudit } from "../../platform/audit/index.ts";
import { toIso } from "../../platform/clock.ts";
import type { ActionContext } from "../../platform/context.ts";
import type { Database } from "../../platform/db/database.ts";
import { InputError, NotAllowedError, NotFoundError } from "../../platform/errors.ts";
import { newId } from "../../platform/ids.ts";
import {
  type ContactMethodRow,
  contactMethodsOf,
  findContactMethod,
  presentContactMethod,
  replaceRules,
  rulesOf,
} from "./contact-methods.repository.ts";
import { findMessage, presentMessage } from "./messages.repository.ts";
import type {
  ContactMethodView,
  CreateContactMethod,
  MessageView,
  NotificationRule,
} from "./notify.schema.ts";
import { addMessage } from "./plan.service.ts";
import { newSigningSecret } from "./signing.ts";

/** Enough for every realistic setup; a bound keeps one account from fanning a page out without limit. */
const maxMethodsPerUser = 20;

/** Contact methods and rules are a user's own: the system actor (CLI) has no "me". */
function me(ctx: ActionContext): string {
  if (ctx.actor.type !== "user") throw new NotAllowedError("contact methods belong to a signed-in user");
  return ctx.actor.name;
}

async function ownMethod(db: Database, ctx: ActionContext, id: string): Promise<ContactMethodRow> {
  const method = await findContactMethod(db.read, id);
  // Someone else's method is reported as missing: ids are not for probing.
  if (!method || method.user_name !== me(ctx)) throw new NotFoundError(`no contact method ${id}`);
  return method;
}

export async function listMyContactMethods(db: Database, ctx: ActionContext): Promise<ContactMethodView[]> {
  return (await contactMethodsOf(db.read, me(ctx))).map(presentContactMethod);
}

/** Adds a contact method; a webhook gets a signing secret, returned here once and never again. */
export async function addContactMethod(
  db: Database,
  ctx: ActionContext,
  input: CreateContactMethod,
): Promise<ContactMethodView & { signingSecret: string | null }> {
  const user = me(ctx);
  const now = ctx.clock.now();
  const target = input.type === "email" ? input.address.toLowerCase() : input.url;
  const row: ContactMethodRow = {
    id: newId(now),
    user_name: user,
    type: input.type,
    label: input.label ?? (input.type === "email" ? target : `${input.type} ${new URL(target).host}`),
    target,
    secret: input.type === "webhook" ? newSigningSecret() : null,
    created_at: toIso(now),
    last_delivery_at: null,
  };
  await db.write(async (trx) => {
    if ((await contactMethodsOf(trx, user)).length >= maxMethodsPerUser)
      throw new InputError(`at most ${maxMethodsPerUser} contact methods per user`);
    await trx.insertInto("notify_contact_methods").values(row).execute();
    if (input.immediateRule)
      await trx
        .insertInto("notify_rules")
        .values({ contact_method_id: row.id, user_name: user, delay_minutes: 0 })
        .execute();
    // The shown form only: no secret, no Slack URL.
    const { id: _id, createdAt: _c, ...after } = presentContactMethod(row);
    await recordAudit(trx, ctx, {
      action: "notify.contact_method.create",
      entityType: "contact_method",
      entityId: row.id,
      after: { ...after, user, immediateRule: input.immediateRule },
    });
  });
  return { ...presentContactMethod(row), signingSecret: row.secret };
}

export async function removeContactMethod(db: Database, ctx: ActionContext, id: string): Promise<void> {
  const method = await ownMethod(db, ctx, id);
  await db.write(async (trx) => {
    await trx.deleteFrom("notify_rules").where("contact_method_id", "=", id).execute();
    await trx.deleteFrom("notify_contact_methods").where("id", "=", id).execute();
    const { id: _id, createdAt: _c, ...before } = presentContactMethod(method);
    await recordAudit(trx, ctx, {
      action: "notify.contact_method.delete",
      entityType: "contact_method",
      entityId: id,
      before: { ...before, user: method.user_name },
    });
  });
}

/** Queues a test message through the normal delivery path (rate limit included); answers before it is sent. */
export async function sendTestMessage(db: Database, ctx: ActionContext, id: string): Promise<MessageView> {
  const method = await ownMethod(db, ctx, id);
  const messageId = await db.write(async (trx) => {
    const key = `test:${id}:${newId(ctx.clock.now())}`;
    const created = await addMessage(trx, ctx.clock, {
      user: method.user_name,
      subject: `contact-method:${id}`,
      title: "opsdeck test notification",
      body: `This is a test of your contact method "${method.label}". If you can read it, opsdeck can reach you here.`,
      link: "/",
      methodId: id,
      channel: method.type,
      planKey: key,
      dedupKey: key,
      dueAt: ctx.clock.now(),
    });
    if (!created) throw new Error("a fresh test message key collided");
    await recordAudit(trx, ctx, {
      action: "notify.contact_method.test",
      entityType: "contact_method",
      entityId: id,
      after: { message: created },
    });
    return created;
  });
  const row = await findMessage(db.read, messageId);
  if (!row) throw new NotFoundError(`no message ${messageId}`);
  return presentMessage(row);
}

export async function getMyRules(db: Database, ctx: ActionContext): Promise<NotificationRule[]> {
  return rulesOf(db.read, me(ctx));
}

/** Replaces all of the caller's rules; each must name one of the caller's own contact methods. */
export async function putMyRules(
  db: Database,
  ctx: ActionContext,
  rules: NotificationRule[],
): Promise<NotificationRule[]> {
  const user = me(ctx);
  await db.write(async (trx) => {
    const own = new Set((await contactMethodsOf(trx, user)).map((m) => m.id));
    const seen = new Set<string>();
    const issues = rules.flatMap((r, i) => {
      const key = `${r.contactMethod}#${r.delayMinutes}`;
      const problem = !own.has(r.contactMethod)
        ? { path: `items.${i}.contactMethod`, message: "is not one of your contact methods" }
        : seen.has(key)
          ? { path: `items.${i}`, message: "repeats an earlier rule" }
          : null;
      seen.add(key);
      return problem ? [problem] : [];
    });
    if (issues.length > 0) throw new InputError("the notification rules are not valid", issues);
    const before = await rulesOf(trx, user);
    await replaceRules(trx, user, rules);
    await recordAudit(trx, ctx, {
      action: "notify.rules.update",
      entityType: "notification_rules",
      entityId: user,
      before,
      after: await rulesOf(trx, user),
    });
  });
  return rulesOf(db.read, user);
}
