import type { Database } from "../../platform/db/database.ts";
import { type EntityRow, labelsOf, rowsByRefKeys } from "./catalog.repository.ts";
import type { EntitySpec } from "./catalog.schema.ts";
import type { EntitySummary } from "./catalog.views.ts";
import { isoDuration } from "./durations.ts";
import { refFields, unresolvedPlaceholder } from "./entity.ts";
import { type OwnerDirectory, ownerDirectory } from "./owners.ts";
import { type CatalogKind, graphKey, splitRef } from "./refs.ts";

export interface Presented {
  summary: EntitySummary;
  spec: EntitySpec;
  row: EntityRow;
}

type RefView = NonNullable<EntitySummary["owner"]>;

function ownerView(ref: string, owners: OwnerDirectory): RefView {
  const r = splitRef(ref);
  const display = r.kind === "group" ? owners.team(r.name)?.displayName : owners.userDisplayName(r.name);
  return { ref, kind: r.kind, name: r.name, resolved: display !== undefined, displayName: display ?? null };
}

const seconds = (s: number | null) => (s === null ? null : { iso: isoDuration(s), seconds: s });

/** Rows as API summaries: owner and system resolved, labels attached. */
export async function presentRows(
  db: Database,
  rows: EntityRow[],
  owners?: OwnerDirectory,
): Promise<Presented[]> {
  const dir =
    owners ??
    (await ownerDirectory(
      db,
      rows.map((r) => r.owner),
    ));
  const labels = await labelsOf(
    db.read,
    rows.map((r) => r.id),
  );
  const systemKeys = rows.map((r) => (r.system ? graphKey(splitRef(r.system)) : "")).filter(Boolean);
  const systems = await rowsByRefKeys(db.read, systemKeys);
  return rows.map((row) => {
    const spec = JSON.parse(row.spec_json) as EntitySpec;
    const system = row.system ? systems.get(graphKey(splitRef(row.system))) : undefined;
    const summary: EntitySummary = {
      kind: row.kind as CatalogKind,
      name: row.name,
      ref: `${row.kind}:${row.name_key}`,
      displayName: row.display_name,
      description: row.description,
      type: row.type,
      lifecycle: row.lifecycle,
      tier: row.tier,
      owner: row.owner ? ownerView(row.owner, dir) : null,
      system: row.system
        ? {
            ref: row.system,
            kind: "system",
            name: splitRef(row.system).name,
            resolved: system !== undefined,
            displayName: system?.display_name ?? null,
          }
        : null,
      labels: labels.get(row.id) ?? {},
      tags: spec.tags,
      rto: seconds(row.rto_seconds),
      rpo: seconds(row.rpo_seconds),
      links: spec.links,
      runbooks: spec.runbooks ?? [],
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
    return { summary, spec, row };
  });
}

/** Why each reference of an entity does not resolve (yet). */
export async function unresolvedOf(
  db: Database,
  spec: EntitySpec,
  owners: OwnerDirectory,
  /** Every graph key in the catalog, when the caller checks many entities at once. */
  allKeys?: Set<string>,
): Promise<{ field: string; ref: string; reason: string }[]> {
  const refs = refFields(spec);
  const catalogRefs = refs.filter((r) => !["group", "user"].includes(splitRef(r.ref).kind));
  const found =
    allKeys ??
    new Set(
      (
        await rowsByRefKeys(
          db.read,
          catalogRefs.map((r) => graphKey(splitRef(r.ref))),
        )
      ).keys(),
    );
  const out: { field: string; ref: string; reason: string }[] = [];
  for (const { field, ref } of refs) {
    const r = splitRef(ref);
    if (r.kind === "group" && !owners.team(r.name))
      out.push({ field, ref, reason: `no team named '${r.name}'` });
    else if (r.kind === "user" && owners.userDisplayName(r.name) === undefined)
      out.push({ field, ref, reason: `no user named '${r.name}'` });
    else if (r.kind !== "group" && r.kind !== "user" && !found.has(graphKey(r)))
      out.push({ field, ref, reason: `no ${r.kind} named '${r.name}' in the catalog` });
  }
  const placeholder = unresolvedPlaceholder(spec);
  if (placeholder)
    out.push({
      field: "definition",
      ref: placeholder,
      reason: "placeholder not fetched (opsdeck reads no URLs)",
    });
  return out;
}
