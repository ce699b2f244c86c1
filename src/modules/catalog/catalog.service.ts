import type { Kysely } from "kysely";
import { recordAudit } from "../../platform/audit/index.ts";
import { type Clock, toIso } from "../../platform/clock.ts";
import type { ActionContext } from "../../platform/context.ts";
import type { Database } from "../../platform/db/database.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { ConflictError, InputError, NotFoundError } from "../../platform/errors.ts";
import { newId } from "../../platform/ids.ts";
import { entityName } from "../../platform/schema-common.ts";
import { parseInput } from "../../platform/validation.ts";
import { presentRows, unresolvedOf } from "./catalog.present.ts";
import {
  expandFrontier,
  findByRefKey,
  findEntity,
  listEntityRows,
  replaceEdges,
  replaceLabels,
  rowsByRefKeys,
} from "./catalog.repository.ts";
import { type EntitySpec, kindSpecs } from "./catalog.schema.ts";
import type { EntityDetail, EntitySummary, ListQuery } from "./catalog.views.ts";
import { parseDuration } from "./durations.ts";
import { edgesOf, searchText } from "./entity.ts";
import { ownerDirectory } from "./owners.ts";
import { type CatalogKind, graphKey, splitRef } from "./refs.ts";
import { scorecardOf } from "./scorecards.ts";

const seconds = (d: string | undefined) => {
  const r = d ? parseDuration(d) : undefined;
  return r?.ok ? r.seconds : null;
};

/**
 * Creates or replaces one entity inside the caller's transaction, with its edges and labels, and audits
 * it. Shared by the API and `opsdeck apply`.
 */
export async function putEntity(
  trx: Kysely<Tables>,
  ctx: ActionContext,
  kind: CatalogKind,
  name: string,
  spec: EntitySpec,
): Promise<void> {
  const now = toIso(ctx.clock.now());
  const refKey = graphKey({ kind, name });
  const existing = await findEntity(trx, kind, name);
  if (!existing) {
    const clash = await findByRefKey(trx, refKey);
    if (clash)
      throw new ConflictError(
        `'${name}' is already a ${clash.kind}: services and other components share one name space`,
      );
  }
  const values = {
    name,
    display_name: spec.displayName ?? name,
    description: spec.description,
    type: spec.type ?? null,
    lifecycle: spec.lifecycle ?? null,
    tier: spec.tier ?? null,
    owner: spec.owner ?? null,
    system: spec.system ?? null,
    rto_seconds: seconds(spec.rto),
    rpo_seconds: seconds(spec.rpo),
    spec_json: JSON.stringify(spec),
    search_text: searchText(name, spec),
    updated_at: now,
  };
  const id = existing?.id ?? newId(ctx.clock.now());
  if (existing) await trx.updateTable("catalog_entities").set(values).where("id", "=", id).execute();
  else
    await trx
      .insertInto("catalog_entities")
      .values({ id, kind, name_key: name.toLowerCase(), ref_key: refKey, created_at: now, ...values })
      .execute();
  await replaceEdges(trx, id, edgesOf(kind, name, spec));
  await replaceLabels(trx, id, spec.labels);
  await recordAudit(trx, ctx, {
    action: `catalog.${kind}.${existing ? "update" : "create"}`,
    entityType: kind,
    entityId: name.toLowerCase(),
    before: existing ? JSON.parse(existing.spec_json) : undefined,
    after: spec,
  });
}

export async function removeEntity(
  trx: Kysely<Tables>,
  ctx: ActionContext,
  kind: CatalogKind,
  name: string,
): Promise<void> {
  const existing = await findEntity(trx, kind, name);
  if (!existing) throw new NotFoundError(`no ${kind} named '${name}'`);
  // Edges it declared and its labels go with it (cascade); edges others declare toward it stay, unresolved.
  await trx.deleteFrom("catalog_entities").where("id", "=", existing.id).execute();
  await recordAudit(trx, ctx, {
    action: `catalog.${kind}.delete`,
    entityType: kind,
    entityId: existing.name_key,
    before: JSON.parse(existing.spec_json),
  });
}

/** Validates an API body against the kind's spec schema: the same rules as a manifest. */
export function parseSpec(kind: CatalogKind, body: unknown): EntitySpec {
  return parseInput(kindSpecs[kind], body) as EntitySpec;
}

export async function createEntity(
  db: Database,
  ctx: ActionContext,
  kind: CatalogKind,
  body: Record<string, unknown>,
): Promise<EntityDetail> {
  const { name: rawName, ...rest } = body;
  const name = parseInput(entityName, rawName, "name");
  const spec = parseSpec(kind, rest);
  await db.write(async (trx) => {
    const existing = await findEntity(trx, kind, name);
    if (existing)
      throw new ConflictError(`a ${kind} named '${existing.name}' exists (names are case-insensitive)`);
    await putEntity(trx, ctx, kind, name, spec);
  });
  return getEntity(db, ctx.clock, kind, name);
}

/** Replaces the given top-level fields; a field set to null is removed. */
export async function updateEntity(
  db: Database,
  ctx: ActionContext,
  kind: CatalogKind,
  name: string,
  patch: Record<string, unknown>,
): Promise<EntityDetail> {
  if ("name" in patch)
    throw new InputError("names cannot change; create a new entity", [
      { path: "name", message: "cannot change" },
    ]);
  let stored = name;
  await db.write(async (trx) => {
    const existing = await findEntity(trx, kind, name);
    if (!existing) throw new NotFoundError(`no ${kind} named '${name}'`);
    stored = existing.name;
    const merged: Record<string, unknown> = { ...JSON.parse(existing.spec_json), ...patch };
    for (const [k, v] of Object.entries(merged)) if (v === null) delete merged[k];
    await putEntity(trx, ctx, kind, existing.name, parseSpec(kind, merged));
  });
  return getEntity(db, ctx.clock, kind, stored);
}

export async function deleteEntity(
  db: Database,
  ctx: ActionContext,
  kind: CatalogKind,
  name: string,
): Promise<void> {
  await db.write((trx) => removeEntity(trx, ctx, kind, name));
}

export async function listEntities(
  db: Database,
  kind: CatalogKind,
  q: ListQuery,
): Promise<{ items: EntitySummary[]; total: number; limit: number; offset: number }> {
  const { rows, total } = await listEntityRows(db.read, kind, q);
  const items = (await presentRows(db, rows)).map((p) => p.summary);
  return { items, total, limit: q.limit, offset: q.offset };
}

/** Every entity of a kind (services, say), read a page at a time: for modules that map all of them. */
export async function allEntities(db: Database, kind: CatalogKind): Promise<EntitySummary[]> {
  const out: EntitySummary[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await listEntities(db, kind, { limit: 1000, offset });
    out.push(...page.items);
    if (page.items.length < 1000) return out;
  }
}

/** Everything the service page shows: the entity, its direct neighbours, what is unresolved, its scorecard. */
export async function getEntity(
  db: Database,
  clock: Clock,
  kind: CatalogKind,
  name: string,
): Promise<EntityDetail> {
  const row = await findEntity(db.read, kind, name);
  if (!row) throw new NotFoundError(`no ${kind} named '${name}'`);
  const owners = await ownerDirectory(db, [row.owner]);
  const [presented] = await presentRows(db, [row], owners);
  if (!presented) throw new NotFoundError(`no ${kind} named '${name}'`);
  const { summary, spec } = presented;
  const out = await expandFrontier(db.read, [row.ref_key], "dependencies");
  const into = await expandFrontier(db.read, [row.ref_key], "dependents");
  const known = await rowsByRefKeys(
    db.read,
    [...out, ...into].map((s) => s.next),
  );
  const neighbour = (s: { next: string; relation: string }) => {
    const r = known.get(s.next);
    const ref = splitRef(s.next);
    return {
      kind: r?.kind ?? ref.kind,
      name: r?.name ?? ref.name,
      relation: s.relation,
      resolved: r !== undefined,
    };
  };
  const ownerTeam = summary.owner?.kind === "group" ? (owners.team(summary.owner.name) ?? null) : null;
  return {
    ...summary,
    spec: spec as unknown as Record<string, unknown>,
    dependencies: out.map(neighbour),
    dependents: into.map(neighbour),
    unresolved: await unresolvedOf(db, spec, owners),
    scorecard: await scorecardOf({ entity: summary, spec, ownerTeam, db, clock }),
  };
}

/** Runbook links of the named services that exist, by name as asked: incidents show them beside the timeline. */
export async function serviceRunbooks(
  db: Database,
  names: string[],
): Promise<Map<string, { url: string; title?: string }[]>> {
  const out = new Map<string, { url: string; title?: string }[]>();
  const keys = [...new Set(names.map((n) => n.toLowerCase()))];
  if (keys.length === 0) return out;
  const rows = await db.read
    .selectFrom("catalog_entities")
    .select(["name_key", "spec_json"])
    .where("kind", "=", "service")
    .where("name_key", "in", keys)
    .execute();
  const byKey = new Map(
    rows.map((r) => [r.name_key, (JSON.parse(r.spec_json) as EntitySpec).runbooks ?? []]),
  );
  for (const name of names) {
    const runbooks = byKey.get(name.toLowerCase());
    if (runbooks) out.set(name, runbooks);
  }
  return out;
}
