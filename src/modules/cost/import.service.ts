import { mkdtempSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { recordAudit } from "../../platform/audit/index.ts";
import { toIso } from "../../platform/clock.ts";
import type { Config } from "../../platform/config/config.ts";
import { type ActionContext, actorLabel } from "../../platform/context.ts";
import type { Database } from "../../platform/db/database.ts";
import { isUniqueViolation } from "../../platform/db/errors.ts";
import { newId } from "../../platform/ids.ts";
import { catalogServices, currentAllocation } from "./allocation.service.ts";
import { scheduleCostAnalytics } from "./analytics/analytics.jobs.ts";
import { badInput } from "./cost.errors.ts";
import { costDataDir, ensureDir, lit, withDuck } from "./duck.ts";
import { invariantWarnings, periodGroups, rejectBadTags, rejectNulCharacters } from "./import-checks.ts";
import { type ImportFile, rejectBadRows, stageFiles } from "./import-stage.ts";
import { ensureWatch, storeFingerprint } from "./reallocate.ts";
import { insertRollup, type RollupRow, rollup } from "./rollup.ts";

export interface ImportDeps {
  db: Database;
  config: Pick<Config, "costDir" | "databaseUrl">;
}

export interface ImportSummary {
  id: string;
  billingAccountId: string;
  periodStart: string;
  periodEnd: string;
  rows: number;
  currency: string;
  replaced: string | null;
  warnings: string[];
}

export type ImportProgress = (stage: string, done: number, total: number) => void;

interface Prepared extends ImportSummary {
  where: string;
  rowWarnings: string[];
  parquetFile: string;
  rollup: RollupRow[];
}

/**
 * Imports FOCUS files: DuckDB reads, converts and validates them, writes each billing period's rows to its
 * own Parquet file and rolls them up by day; then one transaction replaces earlier imports of the same
 * billing account and period. Any error leaves the database and the data directory as they were.
 */
export async function importFocusFiles(
  deps: ImportDeps,
  ctx: ActionContext,
  files: ImportFile[],
  progress: ImportProgress = () => {},
): Promise<ImportSummary[]> {
  if (files.length === 0) throw badInput("give at least one file", "file");
  const dir = ensureDir(costDataDir(deps.config));
  const spec = await currentAllocation(deps.db.read);
  const services = await catalogServices(deps.db);
  const staging = mkdtempSync(join(dir, ".staging-"));
  const written: string[] = [];
  try {
    const prepared = await withDuck(async (conn) => {
      const staged = await stageFiles(conn, files, staging, (d, t) => progress("reading", d, t));
      await rejectBadRows(conn, staged);
      await rejectBadTags(conn, staged);
      const groups = await periodGroups(conn, staged);
      const out: Prepared[] = [];
      for (const [i, g] of groups.entries()) {
        progress("storing", i, groups.length);
        const id = newId(ctx.clock.now());
        const parquetFile = `${id}.parquet`;
        const path = join(dir, parquetFile);
        written.push(path);
        const warnings = await invariantWarnings(conn, g);
        progress("checked", i, groups.length);
        const only = groups.length === 1 && staged.length === 1 ? staged[0] : undefined;
        // The common case (one file, one period): the staging file already is the import's file.
        if (only) renameSync(only.staged, path);
        else
          await conn.run(
            `COPY (SELECT * EXCLUDE (filename, file_row_number) FROM typed WHERE ${g.where}) TO ${lit(path)} (FORMAT parquet, COMPRESSION snappy)`,
          );
        progress("stored", i, groups.length);
        const rows = await rollup(conn, `read_parquet(${lit(path)})`, spec, services);
        // The one-file case renamed the staged file: its rows are looked up in their new place.
        const located = only
          ? `(SELECT *, ${lit(only.staged)} AS filename FROM read_parquet(${lit(path)}, file_row_number = true))`
          : "typed";
        await rejectNulCharacters(conn, { staged, rows, located });
        out.push({ id, ...g, replaced: null, warnings, parquetFile, rollup: rows });
      }
      progress("storing", groups.length, groups.length);
      return out;
    });
    progress("saving", 0, 1);
    // Two imports of one period at once on PostgreSQL: the later one's insert waits for the other's COMMIT,
    // then fails on the unique period index. Run again, it sees that import and replaces it, as if the two
    // had come one after the other.
    const save = () =>
      deps.db.write(async (trx) => {
        const old: string[] = [];
        for (const p of prepared) {
          const previous = await trx
            .selectFrom("cost_imports")
            .select(["id", "parquet_file"])
            .where("billing_account_id", "=", p.billingAccountId)
            .where("period_start", "=", p.periodStart)
            .executeTakeFirst();
          if (previous) {
            await trx.deleteFrom("cost_daily").where("import_id", "=", previous.id).execute();
            await trx.deleteFrom("cost_imports").where("id", "=", previous.id).execute();
            old.push(previous.parquet_file);
            p.replaced = previous.id;
          }
          await trx
            .insertInto("cost_imports")
            .values({
              id: p.id,
              billing_account_id: p.billingAccountId,
              period_start: p.periodStart,
              period_end: p.periodEnd,
              files_json: JSON.stringify(files.map((f) => f.name)),
              rows: p.rows,
              currency: p.currency,
              parquet_file: p.parquetFile,
              warnings_json: JSON.stringify(p.warnings),
              imported_at: toIso(ctx.clock.now()),
              imported_by: actorLabel(ctx.actor),
            })
            .execute();
          await insertRollup(trx, p.id, p.rollup);
          await recordAudit(trx, ctx, {
            action: p.replaced ? "cost.import.replace" : "cost.import",
            entityType: "cost-import",
            entityId: p.id,
            after: {
              billingAccountId: p.billingAccountId,
              periodStart: p.periodStart,
              rows: p.rows,
              files: files.map((f) => f.name),
              replaced: p.replaced,
            },
          });
        }
        // Rollups just computed match today's rules and catalog; the watch re-allocates when either changes.
        await storeFingerprint(trx, spec, services);
        await ensureWatch(trx, ctx.clock);
        // Anomalies and budgets are evaluated right after this commit, from the first imported day on,
        // instead of at the next 5-minute check (which then knows these imports are evaluated).
        const firstDay = prepared.map((p) => p.periodStart.slice(0, 10)).sort()[0];
        await scheduleCostAnalytics(trx, ctx.clock, {
          reason: `import:${prepared[0]?.id ?? "none"}`,
          from: firstDay,
          imports: prepared.map((p) => p.id),
          once: true,
        });
        return old;
      });
    const replacedFiles = await save().catch((error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
      for (const p of prepared) p.replaced = null;
      return save();
    });
    written.length = 0;
    for (const f of replacedFiles) rmSync(join(dir, f), { force: true });
    progress("saving", 1, 1);
    return prepared.map(
      ({ parquetFile: _p, rollup: _r, where: _w, rowWarnings: _rw, ...summary }) => summary as ImportSummary,
    );
  } finally {
    for (const f of written) rmSync(f, { force: true });
    rmSync(staging, { recursive: true, force: true });
  }
}
