import type { DuckDBConnection } from "@duckdb/node-api";
import { nulRefusal } from "../../platform/nul-character.ts";
import { badInput } from "./cost.errors.ts";
import { lit, queryRows } from "./duck.ts";
import { focusColumns } from "./focus-columns.ts";
import { type StagedFile, sourceOf } from "./import-stage.ts";
import type { RollupRow } from "./rollup.ts";

/** One billing account's billing period in the staged rows: it becomes one import. */
export interface PeriodGroup {
  billingAccountId: string;
  periodStart: string;
  periodEnd: string;
  rows: number;
  currency: string;
  /** SQL condition selecting the group's rows in `typed`. */
  where: string;
  /** Row-level invariant warnings found while grouping. */
  rowWarnings: string[];
}

/**
 * Tags must be a JSON object. Checked over the distinct Tags texts (a few thousand), not per row; the
 * row is looked up only when one is wrong.
 */
export async function rejectBadTags(conn: DuckDBConnection, staged: StagedFile[]): Promise<void> {
  const [bad] = await queryRows<{ tags: string }>(
    conn,
    `SELECT t AS tags FROM (SELECT DISTINCT tags AS t FROM typed WHERE tags IS NOT NULL)
     WHERE NOT json_valid(t) OR json_type(t) <> 'OBJECT' LIMIT 1`,
  );
  if (!bad) return;
  const [first] = await queryRows<{ filename: string; n: string }>(
    conn,
    `SELECT filename, file_row_number::VARCHAR AS n FROM typed WHERE tags = ${lit(bad.tags)} ORDER BY filename, file_row_number LIMIT 1`,
  );
  const { file, row } = sourceOf(staged, first?.filename ?? "", first?.n ?? 0);
  throw badInput(
    `${file.name} row ${row}: Tags ${JSON.stringify(bad.tags.slice(0, 200))} is not a JSON object`,
    "file",
  );
}

/**
 * PostgreSQL cannot store U+0000 in text. What an import stores as text is its rollup's dimensions, so
 * those (thousands of rows, checked here in memory) are checked rather than every text column of every
 * source row (a scan that cost a tenth of the import). Only when one holds a NUL is the source scanned,
 * to name the row: team, service and env come from Tags, where JSON may also escape it as `\u0000`.
 */
export async function rejectNulCharacters(
  conn: DuckDBConnection,
  input: {
    staged: StagedFile[];
    rows: RollupRow[];
    /** The staged rows as SQL, with `filename` and `file_row_number` (`typed` unless moved). */
    located: string;
  },
): Promise<void> {
  const { staged, rows, located } = input;
  const dimension = firstDimensionWithNul(rows);
  if (!dimension) return;
  const fromTags = ["team", "service", "env"].includes(dimension);
  const source = focusColumns.find((c) => c.name === (fromTags ? "tags" : dimension));
  if (!source) throw badInput(`the ${dimension} of a row ${nulRefusal}`, "file");
  const holdsNul = fromTags
    ? `(strpos(tags, chr(0)) > 0 OR strpos(tags, '\\u0000') > 0)`
    : `strpos(${source.name}, chr(0)) > 0`;
  const [bad] = await queryRows<{ filename: string; n: string }>(
    conn,
    `SELECT filename, file_row_number::VARCHAR AS n FROM ${located} WHERE ${holdsNul}
     ORDER BY filename, file_row_number LIMIT 1`,
  );
  const column = source.focus[0] ?? source.name;
  if (!bad) throw badInput(`${column} of a row ${nulRefusal}`, "file");
  const { file, row } = sourceOf(staged, bad.filename, bad.n);
  throw badInput(`${file.name} row ${row}: ${column} ${nulRefusal}`, "file");
}

function firstDimensionWithNul(rows: RollupRow[]): string | undefined {
  for (const row of rows)
    for (const [name, value] of Object.entries(row))
      if (typeof value === "string" && value.includes("\u0000")) return name;
  return undefined;
}

/** Splits the staged rows by billing account and period; refuses a period billed in two currencies. */
export async function periodGroups(conn: DuckDBConnection, staged: StagedFile[]): Promise<PeriodGroup[]> {
  const rows = await queryRows<{
    account: string;
    start: string;
    end: string;
    n: string;
    low: string;
    high: string;
    list: string;
    purchases: string;
  }>(
    conn,
    // One scan for the groups and the row-level invariants. ListCost is compared in floating point with
    // a cent of tolerance: a warning heuristic (providers round), never a stored amount.
    `SELECT billing_account_id AS account, strftime(billing_period_start, '%Y-%m-%dT%H:%M:%SZ') AS start,
        strftime(max(billing_period_end), '%Y-%m-%dT%H:%M:%SZ') AS "end", count(*)::VARCHAR AS n,
        min(currency) AS low, max(currency) AS high,
        count(*) FILTER (WHERE abs(list_cost::DOUBLE - list_unit_price::DOUBLE * pricing_quantity::DOUBLE) > 0.01)::VARCHAR AS list,
        count(*) FILTER (WHERE charge_category = 'Purchase' AND commitment_discount_id IS NOT NULL
          AND effective_cost <> 0)::VARCHAR AS purchases
     FROM typed GROUP BY account, billing_period_start ORDER BY 1, 2`,
  );
  if (rows.length === 0) throw badInput(`${staged.map((f) => f.name).join(", ")}: no billing rows`, "file");
  const groups: PeriodGroup[] = [];
  for (const r of rows) {
    const where = `billing_account_id = ${lit(r.account)} AND billing_period_start = ${lit(r.start.replace("T", " ").replace("Z", ""))}::TIMESTAMP`;
    if (r.low !== r.high) {
      const [first] = await queryRows<{ filename: string; n: string }>(
        conn,
        // The first row whose currency differs from the period's first row.
        `SELECT filename, file_row_number::VARCHAR AS n FROM typed WHERE ${where}
           AND currency <> (SELECT currency FROM typed WHERE ${where} ORDER BY filename, file_row_number LIMIT 1)
         ORDER BY filename, file_row_number LIMIT 1`,
      );
      const { file, row } = sourceOf(staged, first?.filename ?? "", first?.n ?? 0);
      throw badInput(
        `${file.name} row ${row}: mixed currencies (${r.low}, ${r.high}${await moreCurrencies(conn, where, r)}) in billing account ${r.account}, period ${r.start}`,
        "file",
      );
    }
    const rowWarnings: string[] = [];
    if (r.list !== "0") rowWarnings.push(await listCostWarning(conn, where, r.list));
    if (r.purchases !== "0")
      rowWarnings.push(
        `${r.purchases} commitment purchase row(s) with a non-zero EffectiveCost: left out of amortized views so they are not counted twice`,
      );
    groups.push({
      rowWarnings,
      billingAccountId: r.account,
      periodStart: r.start,
      periodEnd: r.end,
      rows: Number(r.n),
      currency: r.low,
      where,
    });
  }
  return groups;
}

/** A third currency and more, if any, for the message (the group query keeps only the lowest and highest). */
async function moreCurrencies(
  conn: DuckDBConnection,
  where: string,
  r: { low: string; high: string },
): Promise<string> {
  const rows = await queryRows<{ c: string }>(
    conn,
    `SELECT DISTINCT currency AS c FROM typed WHERE ${where} AND currency NOT IN (${lit(r.low)}, ${lit(r.high)}) ORDER BY 1`,
  );
  return rows.map((x) => `, ${x.c}`).join("");
}

/** The ListCost warning with its first example (looked up only when the count is not zero). */
async function listCostWarning(conn: DuckDBConnection, where: string, count: string): Promise<string> {
  const [example] = await queryRows<{ text: string }>(
    conn,
    `SELECT format('row with ResourceId {}: ListCost {} vs ListUnitPrice {} x PricingQuantity {}',
        COALESCE(resource_id, '-'), list_cost, list_unit_price, pricing_quantity) AS text
     FROM typed WHERE ${where} AND abs(list_cost::DOUBLE - list_unit_price::DOUBLE * pricing_quantity::DOUBLE) > 0.01
     ORDER BY filename, file_row_number LIMIT 1`,
  );
  return `${count} row(s) where ListCost differs from ListUnitPrice x PricingQuantity, e.g. ${example?.text}`;
}

/**
 * FOCUS invariants the export should keep, reported as warnings (the bill is still imported): a
 * commitment's used + unused amortized cost equals its purchases over the period (checked for recurring
 * purchases), ListCost = ListUnitPrice x PricingQuantity (to the cent: providers round), and purchases
 * carry no amortized cost.
 */
export async function invariantWarnings(conn: DuckDBConnection, group: PeriodGroup): Promise<string[]> {
  const warnings: string[] = [];
  const commitments = await queryRows<{ id: string; used: string; purchased: string }>(
    conn,
    `SELECT commitment_discount_id AS id,
        CAST(sum(effective_cost) FILTER (WHERE commitment_discount_status IN ('Used', 'Unused')) AS VARCHAR) AS used,
        CAST(sum(billed_cost) FILTER (WHERE charge_category = 'Purchase') AS VARCHAR) AS purchased
     FROM typed WHERE ${group.where} AND commitment_discount_id IS NOT NULL
     GROUP BY 1
     HAVING count(*) FILTER (WHERE charge_category = 'Purchase') > 0
        AND bool_and(charge_category <> 'Purchase' OR COALESCE(charge_frequency, 'Recurring') = 'Recurring')
        AND COALESCE(sum(effective_cost) FILTER (WHERE commitment_discount_status IN ('Used', 'Unused')), 0)
            <> sum(billed_cost) FILTER (WHERE charge_category = 'Purchase')
     ORDER BY 1 LIMIT 20`,
  );
  for (const c of commitments)
    warnings.push(
      `commitment ${c.id}: used + unused cost ${c.used ?? "0"} differs from its purchases ${c.purchased}`,
    );
  return [...warnings, ...group.rowWarnings];
}
