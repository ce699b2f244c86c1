import type { Kysely } from "kysely";
import { toIso } from "../clock.ts";
import { type ActionContext, actorLabel } from "../context.ts";
import type { Tables } from "../db/tables.ts";
import { newId } from "../ids.ts";
import type { AuditEntry } from "./audit.schema.ts";
import "./audit.tables.ts";

export type { AuditEntry };

export interface AuditChange {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one audit row in the caller's transaction, so the change and its record commit together.
 * Callers pass `before`/`after` already stripped of secrets (no password hashes, no token hashes).
 */
export async function recordAudit(
  db: Kysely<Tables>,
  ctx: ActionContext,
  change: AuditChange,
): Promise<void> {
  const at = ctx.clock.now();
  await db
    .insertInto("audit_log")
    .values({
      id: newId(at),
      at: toIso(at),
      actor_type: ctx.actor.type,
      actor_id: ctx.actor.type === "user" ? ctx.actor.id : null,
      actor_label: actorLabel(ctx.actor),
      action: change.action,
      entity_type: change.entityType,
      entity_id: change.entityId,
      before_json: change.before === undefined ? null : JSON.stringify(change.before),
      after_json: change.after === undefined ? null : JSON.stringify(change.after),
      request_id: ctx.requestId,
    })
    .execute();
}

export interface AuditQuery {
  actor?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  limit: number;
  before?: string;
}

/** Newest first; `before` is the id of the last entry of the previous page (ids are time-ordered). */
export async function listAudit(db: Kysely<Tables>, q: AuditQuery): Promise<AuditEntry[]> {
  let query = db.selectFrom("audit_log").selectAll();
  if (q.actor)
    query = query.where((eb) =>
      eb.or([eb("actor_label", "=", q.actor ?? ""), eb("actor_id", "=", q.actor ?? "")]),
    );
  if (q.entityType) query = query.where("entity_type", "=", q.entityType);
  if (q.entityId) query = query.where("entity_id", "=", q.entityId);
  if (q.from) query = query.where("at", ">=", q.from);
  if (q.to) query = query.where("at", "<", q.to);
  if (q.before) query = query.where("id", "<", q.before);
  const rows = await query.orderBy("id", "desc").limit(q.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: { type: r.actor_type, id: r.actor_id, label: r.actor_label },
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before_json === null ? null : JSON.parse(r.before_json),
    after: r.after_json === null ? null : JSON.parse(r.after_json),
    requestId: r.request_id,
  }));
}
