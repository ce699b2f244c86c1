import type { Kysely } from "kysely";
import { recordAudit } from "../../platform/audit/index.ts";
import { type Clock, toIso } from "../../platform/clock.ts";
import { type ActionContext, actorLabel } from "../../platform/context.ts";
import type { Database } from "../../platform/db/database.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { ConflictError, NotFoundError } from "../../platform/errors.ts";
import type { IncidentRole, IncidentStatus } from "./incident.ts";
import { type IncidentRow, resolveIncidentRef } from "./incidents.repository.ts";
import type { DeclareInput, IncidentDetail, UpdateInput } from "./incidents.schema.ts";
import { getIncident } from "./incidents.views.ts";
import { IncidentWork } from "./incidents.work.ts";

type Change = (work: IncidentWork, row: IncidentRow, trx: Kysely<Tables>) => Promise<unknown> | unknown;

/**
 * Runs one person's change to one incident in a transaction: finds it by id or number, refuses changes to an
 * incident that was merged away, applies `change` through an IncidentWork, audits, and returns the new view.
 */
async function changeIncident(
  db: Database,
  ctx: ActionContext,
  ref: string,
  action: string,
  after: unknown,
  change: Change,
): Promise<IncidentDetail> {
  const id = await db.write(async (trx) => {
    const found = await resolveIncidentRef(trx, ref);
    if (!found) throw new NotFoundError(`no incident '${ref}'`);
    const work = new IncidentWork(trx, ctx.clock);
    await work.load({ ids: [found] });
    const row = work.get(found) as IncidentRow;
    if (row.merged_into) {
      const into = work.get(row.merged_into);
      throw new ConflictError(
        `incident #${row.number} was merged into #${into?.number ?? "?"}; change that one`,
      );
    }
    await change(work, row, trx);
    await work.flush();
    await recordAudit(trx, ctx, { action, entityType: "incident", entityId: row.id, after });
    return row.id;
  });
  return getIncident(db, id);
}

/** Changes title and summary where they differ, with one timeline entry naming what changed. */
function setFields(
  work: IncidentWork,
  row: IncidentRow,
  fields: { title?: string; summary?: string },
  actor: string,
) {
  const changed = Object.entries(fields).filter(([k, v]) => v !== undefined && row[k as "title"] !== v);
  if (changed.length === 0) return;
  for (const [k, v] of changed) row[k as "title" | "summary"] = v as string;
  work.touch(row);
  const names = changed.map(([k]) => k);
  work.entry(row.id, "updated", actor, `Changed ${names.join(" and ")}`, Object.fromEntries(changed));
  work.event(row.id, "incident.updated", { changed: names });
}

function setStatusOrRefuse(
  work: IncidentWork,
  row: IncidentRow,
  to: IncidentStatus,
  actor: string,
  text?: string,
) {
  if (work.setStatus(row.id, to, actor, text) === "invalid")
    throw new ConflictError(`incident #${row.number} is ${row.status}; it cannot become ${to}`);
}

async function putRole(
  trx: Kysely<Tables>,
  work: IncidentWork,
  row: IncidentRow,
  role: IncidentRole,
  user: string | null,
  actor: string,
  clock: Clock,
) {
  await trx.deleteFrom("incident_roles").where("incident_id", "=", row.id).where("role", "=", role).execute();
  if (user) {
    await trx
      .insertInto("incident_roles")
      .values({ incident_id: row.id, role, user_name: user, assigned_at: toIso(clock.now()) })
      .execute();
  }
  work.entry(row.id, "role", actor, user ? `${user} is ${role}` : `${role} unassigned`, { role, user });
  work.event(row.id, "incident.updated", { changed: ["roles"] });
}

/** A person declares an incident (UI, CLI, API); the declarer may name a commander at once. */
export async function declareIncident(
  db: Database,
  ctx: ActionContext,
  input: DeclareInput,
): Promise<IncidentDetail> {
  const id = await db.write(async (trx) => {
    const actor = actorLabel(ctx.actor);
    const work = new IncidentWork(trx, ctx.clock);
    const row = work.open(
      {
        title: input.title,
        summary: input.summary,
        severity: input.severity,
        services: input.services,
        groupKey: null,
        source: "manual",
      },
      actor,
    );
    await work.flush();
    if (input.commander) {
      const more = new IncidentWork(trx, ctx.clock);
      await more.load({ ids: [row.id] });
      await putRole(
        trx,
        more,
        more.get(row.id) as IncidentRow,
        "commander",
        input.commander,
        actor,
        ctx.clock,
      );
      await more.flush();
    }
    await recordAudit(trx, ctx, {
      action: "incident.declare",
      entityType: "incident",
      entityId: row.id,
      after: input,
    });
    return row.id;
  });
  return getIncident(db, id);
}

export function acknowledgeIncident(db: Database, ctx: ActionContext, ref: string, note?: string) {
  return changeIncident(db, ctx, ref, "incident.acknowledge", { note }, (work, row) =>
    setStatusOrRefuse(work, row, "acknowledged", actorLabel(ctx.actor), note),
  );
}

export function resolveIncident(db: Database, ctx: ActionContext, ref: string, note?: string) {
  return changeIncident(db, ctx, ref, "incident.resolve", { note }, (work, row) =>
    setStatusOrRefuse(work, row, "resolved", actorLabel(ctx.actor), note),
  );
}

export function updateIncident(db: Database, ctx: ActionContext, ref: string, patch: UpdateInput) {
  return changeIncident(db, ctx, ref, "incident.update", patch, async (work, row, trx) => {
    const actor = actorLabel(ctx.actor);
    setFields(work, row, { title: patch.title, summary: patch.summary }, actor);
    if (patch.severity) work.setSeverity(row.id, patch.severity, actor);
    if (patch.services) {
      const services = [...new Set(patch.services)];
      await trx.deleteFrom("incident_services").where("incident_id", "=", row.id).execute();
      if (services.length > 0)
        await trx
          .insertInto("incident_services")
          .values(services.map((service) => ({ incident_id: row.id, service })))
          .execute();
      row.service = services[0] ?? null;
      work.entry(row.id, "services", actor, `Affected services: ${services.join(", ") || "none"}`, {
        services,
      });
      work.event(row.id, "incident.updated", { changed: ["services"] });
    }
  });
}

/** An internal note: for responders, never shown on a status page. */
export function addNote(db: Database, ctx: ActionContext, ref: string, text: string) {
  return changeIncident(db, ctx, ref, "incident.note", { text }, (work, row) => {
    work.entry(row.id, "note", actorLabel(ctx.actor), text);
    work.event(row.id, "incident.note_added");
  });
}

/** A status update for stakeholders; it may move the incident on at the same time. */
export function postStatusUpdate(
  db: Database,
  ctx: ActionContext,
  ref: string,
  update: { text: string; status?: "acknowledged" | "resolved" },
) {
  return changeIncident(db, ctx, ref, "incident.status_update", update, (work, row) => {
    const actor = actorLabel(ctx.actor);
    work.entry(row.id, "status_update", actor, update.text, update.status ? { status: update.status } : {});
    work.event(row.id, "incident.status_update", { text: update.text });
    if (update.status) setStatusOrRefuse(work, row, update.status, actor);
  });
}

export function assignRole(
  db: Database,
  ctx: ActionContext,
  ref: string,
  role: IncidentRole,
  user: string | null,
) {
  return changeIncident(
    db,
    ctx,
    ref,
    user ? "incident.role.assign" : "incident.role.unassign",
    { role, user },
    (work, row, trx) => putRole(trx, work, row, role, user, actorLabel(ctx.actor), ctx.clock),
  );
}

/**
 * Adds an entry to an incident's timeline from another module, in that module's transaction (the on-call
 * module records each notification this way). Unknown incidents are ignored: the entry has nowhere to go.
 */
export async function addTimelineEntry(
  trx: Kysely<Tables>,
  clock: Clock,
  incidentId: string,
  entry: { kind: string; actor: string; text: string; data?: Record<string, unknown> },
): Promise<void> {
  const work = new IncidentWork(trx, clock);
  await work.load({ ids: [incidentId] });
  const row = work.target(incidentId);
  if (!row) return;
  work.entry(row.id, entry.kind, entry.actor, entry.text, entry.data ?? {});
  await work.flush();
}
