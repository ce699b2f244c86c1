import type { Clock } from "../../platform/clock.ts";
import type { Database } from "../../platform/db/database.ts";
import type { TeamView } from "../teams/index.ts";
import type { EntitySpec } from "./catalog.schema.ts";
import { type EntitySummary, type Level, levels, type ScorecardView } from "./catalog.views.ts";

/** What a readiness check sees: the entity as the API shows it, its spec, and its owner team if any. */
export interface ReadinessContext {
  entity: EntitySummary;
  spec: EntitySpec;
  /** The owning team when the owner is a team that exists; null otherwise. */
  ownerTeam: TeamView | null;
  /** For checks that read their own module's data (on-call schedules, SLOs, backups). */
  db: Database;
  /** "Now" for checks that look ahead or back (on-call coverage of the next 14 days). */
  clock: Clock;
}

export interface CheckOutcome {
  pass: boolean;
  /** Why it failed (or a note on how it passed), shown beside the check. */
  detail?: string;
}

/**
 * One readiness check. Modules contribute checks with `registerReadinessCheck` when they load (on-call:
 * "has an on-call schedule", slo: "has an SLO", ...). A check that does not apply to an entity counts
 * as passed for its level.
 */
export interface ReadinessCheck {
  /** Stable and namespaced by module, e.g. `catalog.has-owner`, `oncall.has-schedule`. */
  id: string;
  level: Level;
  title: string;
  appliesTo(entity: EntitySummary): boolean;
  check(ctx: ReadinessContext): CheckOutcome | Promise<CheckOutcome>;
}

const registry = new Map<string, ReadinessCheck>();

/** Adds a check to every scorecard. Ids are unique: registering one twice is a programming error. */
export function registerReadinessCheck(check: ReadinessCheck): void {
  if (registry.has(check.id)) throw new Error(`readiness check '${check.id}' is registered twice`);
  registry.set(check.id, check);
}

/** The registered checks, lowest level first, then by id. */
export function readinessChecks(): ReadinessCheck[] {
  return [...registry.values()].sort(
    (a, b) => levels.indexOf(a.level) - levels.indexOf(b.level) || a.id.localeCompare(b.id),
  );
}

export type CheckResult = ScorecardView["checks"][number];

/**
 * The level an entity reaches: the highest level whose checks, and those of every level below, all
 * pass (checks that do not apply count as passed). Pure.
 */
export function scoreLevels(results: CheckResult[]): Pick<ScorecardView, "level" | "nextLevel" | "missing"> {
  let level: Level | null = null;
  for (const l of levels) {
    const failing = results.filter((r) => r.level === l && r.status === "fail");
    if (failing.length > 0) return { level, nextLevel: l, missing: failing.map((r) => r.id) };
    level = l;
  }
  return { level, nextLevel: null, missing: [] };
}

/** Runs every check for one entity; null when none applies to it (resources, systems, ...). */
export async function scorecardOf(
  ctx: Omit<ReadinessContext, "entity"> & { entity: EntitySummary },
): Promise<ScorecardView | null> {
  const checks = readinessChecks();
  const applicable = checks.filter((c) => c.appliesTo(ctx.entity));
  if (applicable.length === 0) return null;
  const results: CheckResult[] = [];
  for (const c of checks) {
    if (!c.appliesTo(ctx.entity)) {
      results.push({ id: c.id, level: c.level, title: c.title, status: "not-applicable", detail: null });
      continue;
    }
    let outcome: CheckOutcome;
    try {
      outcome = await c.check(ctx);
    } catch (error) {
      // One module's broken check must not take every scorecard down; it shows as a failure with its reason.
      outcome = {
        pass: false,
        detail: `check failed to run: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    results.push({
      id: c.id,
      level: c.level,
      title: c.title,
      status: outcome.pass ? "pass" : "fail",
      detail: outcome.detail ?? null,
    });
  }
  return { ...scoreLevels(results), checks: results };
}
