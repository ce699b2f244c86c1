import type { Kysely } from "kysely";
import { z } from "zod";
import { recordAudit } from "../../platform/audit/index.ts";
import { toIso } from "../../platform/clock.ts";
import type { ActionContext } from "../../platform/context.ts";
import type { Database } from "../../platform/db/database.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { ConflictError, NotFoundError } from "../../platform/errors.ts";
import { newId } from "../../platform/ids.ts";
import { findTeam, memberNames, presentTeams, replaceMembers, specOf } from "./teams.repository.ts";
import type { TeamSpec, TeamView } from "./teams.schema.ts";

/**
 * Creates or replaces a team inside the caller's transaction and audits the change. Shared by the API
 * (one team) and `opsdeck apply` (many documents in one transaction).
 */
export async function putTeam(
  trx: Kysely<Tables>,
  ctx: ActionContext,
  name: string,
  spec: TeamSpec,
): Promise<void> {
  const now = toIso(ctx.clock.now());
  const existing = await findTeam(trx, name);
  const values = {
    display_name: spec.displayName ?? name,
    description: spec.description,
    email: spec.email ?? null,
    parent: spec.parent ?? null,
    updated_at: now,
  };
  let id: string;
  let before: TeamSpec | undefined;
  if (existing) {
    id = existing.id;
    before = specOf(existing, (await memberNames(trx, [id])).get(id) ?? []);
    await trx.updateTable("teams").set(values).where("id", "=", id).execute();
  } else {
    id = newId(ctx.clock.now());
    await trx
      .insertInto("teams")
      .values({ id, name, created_at: now, ...values })
      .execute();
  }
  await replaceMembers(trx, id, spec.members);
  await recordAudit(trx, ctx, {
    action: existing ? "team.update" : "team.create",
    entityType: "team",
    entityId: name,
    before,
    after: { ...spec, members: [...new Set(spec.members)].sort() },
  });
}

export async function removeTeam(trx: Kysely<Tables>, ctx: ActionContext, name: string): Promise<void> {
  const existing = await findTeam(trx, name);
  if (!existing) throw new NotFoundError(`no team named '${name}'`);
  const before = specOf(existing, (await memberNames(trx, [existing.id])).get(existing.id) ?? []);
  await trx.deleteFrom("teams").where("id", "=", existing.id).execute();
  await recordAudit(trx, ctx, { action: "team.delete", entityType: "team", entityId: name, before });
}

export async function createTeam(
  db: Database,
  ctx: ActionContext,
  name: string,
  spec: TeamSpec,
): Promise<TeamView> {
  await db.write(async (trx) => {
    if (await findTeam(trx, name)) throw new ConflictError(`a team named '${name}' exists`);
    await putTeam(trx, ctx, name, spec);
  });
  return getTeam(db, name);
}

export async function updateTeam(
  db: Database,
  ctx: ActionContext,
  name: string,
  patch: Partial<TeamSpec>,
): Promise<TeamView> {
  await db.write(async (trx) => {
    const existing = await findTeam(trx, name);
    if (!existing) throw new NotFoundError(`no team named '${name}'`);
    const current = specOf(existing, (await memberNames(trx, [existing.id])).get(existing.id) ?? []);
    const merged = {
      ...current,
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    };
    await putTeam(trx, ctx, name, merged as TeamSpec);
  });
  return getTeam(db, name);
}

export async function deleteTeam(db: Database, ctx: ActionContext, name: string): Promise<void> {
  await db.write((trx) => removeTeam(trx, ctx, name));
}

/** Adds or removes one member without resending the whole list. */
export async function setMembership(
  db: Database,
  ctx: ActionContext,
  team: string,
  user: string,
  member: boolean,
): Promise<TeamView> {
  await db.write(async (trx) => {
    const existing = await findTeam(trx, team);
    if (!existing) throw new NotFoundError(`no team named '${team}'`);
    const current = specOf(existing, (await memberNames(trx, [existing.id])).get(existing.id) ?? []);
    const members = member ? [...current.members, user] : current.members.filter((m) => m !== user);
    await putTeam(trx, ctx, team, { ...current, members });
  });
  return getTeam(db, team);
}

export async function getTeam(db: Database, name: string): Promise<TeamView> {
  const row = await findTeam(db.read, name);
  if (!row) throw new NotFoundError(`no team named '${name}'`);
  const [view] = await presentTeams(db.read, [row]);
  if (!view) throw new NotFoundError(`no team named '${name}'`);
  return view;
}

export const listTeamsQuery = z
  .object({
    search: z.string().max(200).optional(),
    member: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export async function listTeams(db: Database, q: z.output<typeof listTeamsQuery>): Promise<TeamView[]> {
  let query = db.read.selectFrom("teams").selectAll();
  if (q.search) {
    const like = `%${q.search.toLowerCase()}%`;
    query = query.where((eb) =>
      eb.or([eb("name", "like", like), eb(eb.fn("lower", ["display_name"]), "like", like)]),
    );
  }
  if (q.member) {
    const member = q.member;
    query = query.where("id", "in", (eb) =>
      eb.selectFrom("team_members").select("team_id").where("user_name", "=", member),
    );
  }
  const rows = await query.orderBy("name").limit(q.limit).offset(q.offset).execute();
  return presentTeams(db.read, rows);
}

/** Every team's spec by name, for `opsdeck apply` to diff against. */
export async function allTeamSpecs(db: Kysely<Tables>): Promise<Map<string, TeamSpec>> {
  const rows = await db.selectFrom("teams").selectAll().execute();
  const members = new Map<string, string[]>();
  for (const m of await db.selectFrom("team_members").selectAll().execute()) {
    members.set(m.team_id, [...(members.get(m.team_id) ?? []), m.user_name]);
  }
  return new Map(rows.map((r) => [r.name, specOf(r, members.get(r.id) ?? [])]));
}
