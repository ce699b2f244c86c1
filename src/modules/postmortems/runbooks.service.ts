import type { Kysely } from "kysely";
import { recordAudit } from "../../platform/audit/index.ts";
import { toIso } from "../../platform/clock.ts";
import { type ActionContext, actorLabel } from "../../platform/context.ts";
import type { Database } from "../../platform/db/database.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { ConflictError, InputError, NotFoundError } from "../../platform/errors.ts";
import { newId } from "../../platform/ids.ts";
import { lineDiff } from "./runbooks.diff.ts";
import {
  findRunbook,
  findVersion,
  presentRunbook,
  type RunbookRow,
  type RunbookVersionRow,
  runbooksWithCurrent,
  specOf,
} from "./runbooks.repository.ts";
import type { DiffView, RunbookDetail, RunbookSpec, RunbookSummary } from "./runbooks.schema.ts";

/**
 * Creates or changes a runbook inside the caller's transaction. A new title or body is a new version;
 * services and matchers are links, changed in place. Nothing changed, nothing written: an apply of the
 * same document is a no-op. Shared by the API, the UI and `opsdeck apply`.
 */
export async function putRunbook(
  trx: Kysely<Tables>,
  ctx: ActionContext,
  name: string,
  given: RunbookSpec,
  message = "",
): Promise<{ version: number; changed: boolean }> {
  const spec = { ...given, services: [...new Set(given.services)].sort() };
  const now = ctx.clock.now();
  const existing = await findRunbook(trx, name);
  const links = { services_json: JSON.stringify(spec.services), match_json: JSON.stringify(spec.match) };
  const author = actorLabel(ctx.actor);
  const version = (runbookId: string, v: number) => ({
    runbook_id: runbookId,
    version: v,
    title: spec.title,
    body: spec.body,
    author,
    message,
    created_at: toIso(now),
  });
  if (!existing) {
    const id = newId(now);
    await trx
      .insertInto("runbooks")
      .values({ id, name, ...links, current_version: 1, created_at: toIso(now), updated_at: toIso(now) })
      .execute();
    await trx.insertInto("runbook_versions").values(version(id, 1)).execute();
    await recordAudit(trx, ctx, {
      action: "runbook.create",
      entityType: "runbook",
      entityId: name,
      after: spec,
    });
    return { version: 1, changed: true };
  }
  const current = (await findVersion(
    trx,
    existing.id,
    Number(existing.current_version),
  )) as RunbookVersionRow;
  const before = specOf(existing, current);
  if (JSON.stringify(before) === JSON.stringify(spec))
    return { version: Number(existing.current_version), changed: false };
  const textChanged = before.title !== spec.title || before.body !== spec.body;
  const next = textChanged ? Number(existing.current_version) + 1 : Number(existing.current_version);
  if (textChanged) await trx.insertInto("runbook_versions").values(version(existing.id, next)).execute();
  await trx
    .updateTable("runbooks")
    .set({ ...links, current_version: next, updated_at: toIso(now) })
    .where("id", "=", existing.id)
    .execute();
  await recordAudit(trx, ctx, {
    action: "runbook.update",
    entityType: "runbook",
    entityId: name,
    before: { ...before, version: Number(existing.current_version) },
    after: { ...spec, version: next },
  });
  return { version: next, changed: true };
}

export async function removeRunbook(trx: Kysely<Tables>, ctx: ActionContext, name: string): Promise<void> {
  const existing = await findRunbook(trx, name);
  if (!existing) throw new NotFoundError(`no runbook named '${name}'`);
  await trx.deleteFrom("runbook_versions").where("runbook_id", "=", existing.id).execute();
  await trx.deleteFrom("runbooks").where("id", "=", existing.id).execute();
  await recordAudit(trx, ctx, { action: "runbook.delete", entityType: "runbook", entityId: name });
}

export async function createRunbook(
  db: Database,
  ctx: ActionContext,
  name: string,
  spec: RunbookSpec,
  message?: string,
): Promise<RunbookDetail> {
  await db.write(async (trx) => {
    if (await findRunbook(trx, name)) throw new ConflictError(`a runbook named '${name}' exists`);
    await putRunbook(trx, ctx, name, spec, message ?? "Created");
  });
  return getRunbook(db, name);
}

/** An edit from the UI or API: the given fields change, the rest stay; a new title or body is a new version. */
export async function updateRunbook(
  db: Database,
  ctx: ActionContext,
  name: string,
  patch: Partial<RunbookSpec> & { message?: string },
): Promise<RunbookDetail> {
  await db.write(async (trx) => {
    const existing = await runbookForChange(trx, name);
    const current = (await findVersion(
      trx,
      existing.id,
      Number(existing.current_version),
    )) as RunbookVersionRow;
    const { message, ...fields } = patch;
    const merged = {
      ...specOf(existing, current),
      ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    };
    await putRunbook(trx, ctx, name, merged as RunbookSpec, message ?? "");
  });
  return getRunbook(db, name);
}

export async function deleteRunbook(db: Database, ctx: ActionContext, name: string): Promise<void> {
  await db.write((trx) => removeRunbook(trx, ctx, name));
}

async function runbookForChange(db: Kysely<Tables>, name: string): Promise<RunbookRow> {
  const existing = await findRunbook(db, name);
  if (!existing) throw new NotFoundError(`no runbook named '${name}'`);
  return existing;
}

export async function getRunbook(db: Database, name: string): Promise<RunbookDetail> {
  const row = await runbookForChange(db.read, name);
  const current = await findVersion(db.read, row.id, Number(row.current_version));
  if (!current) throw new NotFoundError(`runbook '${name}' has no version ${row.current_version}`);
  return presentRunbook(row, current);
}

export async function listRunbooks(
  db: Database,
  q: { service?: string; search?: string },
): Promise<RunbookSummary[]> {
  const all = await runbooksWithCurrent(db.read);
  const search = q.search?.toLowerCase();
  return all
    .map(({ row, current }) => presentRunbook(row, current))
    .filter((r) => !q.service || r.services.includes(q.service))
    .filter((r) => !search || r.name.includes(search) || r.title.toLowerCase().includes(search))
    .map(({ body: _b, author: _a, createdAt: _c, ...summary }) => summary);
}

/** Every runbook's spec by name, for `opsdeck apply` to diff against. */
export async function allRunbookSpecs(db: Kysely<Tables>): Promise<Map<string, RunbookSpec>> {
  return new Map((await runbooksWithCurrent(db)).map(({ row, current }) => [row.name, specOf(row, current)]));
}

export async function listRunbookVersions(db: Database, name: string) {
  const row = await runbookForChange(db.read, name);
  const versions = await db.read
    .selectFrom("runbook_versions")
    .selectAll()
    .where("runbook_id", "=", row.id)
    .orderBy("version", "desc")
    .execute();
  return versions.map((v) => ({
    version: Number(v.version),
    title: v.title,
    author: v.author,
    message: v.message,
    createdAt: v.created_at,
    lines: v.body === "" ? 0 : v.body.replace(/\n$/, "").split("\n").length,
  }));
}

async function versionOrRefuse(db: Database, row: RunbookRow, version: number, field: string) {
  const v = await findVersion(db.read, row.id, version);
  if (!v)
    throw new InputError(
      `${field}: runbook '${row.name}' has no version ${version} (latest is ${row.current_version})`,
      [{ path: field, message: `no version ${version}; versions run from 1 to ${row.current_version}` }],
    );
  return v;
}

export async function getRunbookVersion(db: Database, name: string, version: number) {
  const row = await runbookForChange(db.read, name);
  const v = await versionOrRefuse(db, row, version, "version");
  const [meta] = (await listRunbookVersions(db, name)).filter((m) => m.version === version);
  return { ...(meta as NonNullable<typeof meta>), body: v.body };
}

/** The line diff between any two versions (either order: from is the old side). */
export async function diffRunbook(db: Database, name: string, from: number, to: number): Promise<DiffView> {
  const row = await runbookForChange(db.read, name);
  const a = await versionOrRefuse(db, row, from, "from");
  const b = await versionOrRefuse(db, row, to, "to");
  return {
    name,
    from,
    to,
    ...lineDiff(name, { version: from, body: a.body }, { version: to, body: b.body }),
  };
}
