import type { Clock } from "../../platform/clock.ts";
import type { Database } from "../../platform/db/database.ts";
import { NotFoundError } from "../../platform/errors.ts";
import { getTeam } from "../teams/index.ts";
import { presentRows, unresolvedOf } from "./catalog.present.ts";
import type { EntitySpec } from "./catalog.schema.ts";
import type { Level, ScorecardView } from "./catalog.views.ts";
import { ownerDirectory } from "./owners.ts";
import { type CatalogKind, catalogKinds } from "./refs.ts";
import { readinessChecks, scorecardOf } from "./scorecards.ts";

/** The scorecards of every service a team owns, with counts per level and per check. */
export async function teamScorecard(db: Database, clock: Clock, team: string) {
  const t = await getTeam(db, team).catch(() => undefined);
  const rows = await db.read
    .selectFrom("catalog_entities")
    .selectAll()
    .where("owner", "=", `group:${team.toLowerCase()}`)
    .orderBy("kind")
    .orderBy("name_key")
    .execute();
  if (!t && rows.length === 0) throw new NotFoundError(`no team named '${team}'`);
  const owners = await ownerDirectory(db, [`group:${team}`]);
  const presented = await presentRows(db, rows, owners);
  const entities: {
    kind: string;
    name: string;
    displayName: string;
    tier: number | null;
    scorecard: ScorecardView;
  }[] = [];
  for (const p of presented) {
    const scorecard = await scorecardOf({
      entity: p.summary,
      spec: p.spec,
      ownerTeam: t ?? null,
      db,
      clock,
    });
    if (scorecard)
      entities.push({
        kind: p.summary.kind,
        name: p.summary.name,
        displayName: p.summary.displayName,
        tier: p.summary.tier,
        scorecard,
      });
  }
  const levels: Record<Level | "none", number> = { gold: 0, silver: 0, bronze: 0, none: 0 };
  for (const e of entities) levels[e.scorecard.level ?? "none"]++;
  const checks = readinessChecks().map((c) => {
    const results = entities.map((e) => e.scorecard.checks.find((r) => r.id === c.id)?.status);
    return {
      id: c.id,
      level: c.level,
      title: c.title,
      passed: results.filter((s) => s === "pass").length,
      failed: results.filter((s) => s === "fail").length,
      notApplicable: results.filter((s) => s === "not-applicable").length,
    };
  });
  return { team: t?.name ?? team, displayName: t?.displayName ?? null, levels, checks, entities };
}

/** Every unresolved reference in the catalog: kept, not an error, and gone once the target exists. */
export async function allUnresolved(db: Database, kind?: CatalogKind) {
  const rows = await db.read
    .selectFrom("catalog_entities")
    .select(["kind", "name", "owner", "spec_json"])
    .where("kind", "in", kind ? [kind] : [...catalogKinds])
    .orderBy("kind")
    .orderBy("name_key")
    .execute();
  const owners = await ownerDirectory(
    db,
    rows.map((r) => r.owner),
  );
  const keys = await db.read.selectFrom("catalog_entities").select("ref_key").execute();
  const allKeys = new Set(keys.map((k) => k.ref_key));
  const items: { kind: string; name: string; field: string; ref: string; reason: string }[] = [];
  for (const r of rows) {
    for (const u of await unresolvedOf(db, JSON.parse(r.spec_json) as EntitySpec, owners, allKeys)) {
      items.push({ kind: r.kind, name: r.name, ...u });
    }
  }
  return { items };
}
