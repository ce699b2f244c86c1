import type { Database } from "../../../platform/db/database.ts";
import { toNanos } from "../money.ts";
import { type Day, dayRange, weekday } from "./days.ts";

/** One rollup row for tests; amounts are decimal strings, stored as the rollup stores them (nano-units). */
export interface SeedRow {
  day: Day;
  serviceName: string;
  subAccountId: string;
  team: string | null;
  service?: string | null;
  currency?: string;
  chargeCategory?: string;
  pricingCategory?: string | null;
  commitmentId?: string | null;
  commitmentStatus?: string | null;
  commitmentType?: string | null;
  effective: string;
  billed?: string;
  list?: string;
  contracted?: string;
}

/**
 * Writes rows straight into `cost_daily` under one import record, exactly as an import leaves them, so a
 * test controls every amount. The import's Parquet file does not exist: drill-downs find nothing.
 */
export async function seedRollup(
  db: Database,
  rows: SeedRow[],
  importId = "test-import",
  importedAt = "2026-11-15T00:00:00.000Z",
): Promise<void> {
  const nanos = (v: string) => toNanos(v).toString();
  await db.write(async (trx) => {
    await trx
      .insertInto("cost_imports")
      .values({
        id: importId,
        billing_account_id: `acct-${importId}`,
        period_start: "2026-01-01T00:00:00Z",
        period_end: "2027-01-01T00:00:00Z",
        files_json: "[]",
        rows: rows.length,
        currency: rows[0]?.currency ?? "USD",
        parquet_file: `${importId}-missing.parquet`,
        warnings_json: "[]",
        imported_at: importedAt,
        imported_by: "test",
      })
      .execute();
    for (let i = 0; i < rows.length; i += 200) {
      await trx
        .insertInto("cost_daily")
        .values(
          rows.slice(i, i + 200).map((r) => ({
            import_id: importId,
            billing_account_id: `acct-${importId}`,
            day: r.day,
            provider: "AWS",
            sub_account_id: r.subAccountId,
            service_name: r.serviceName,
            region: "eu-west-1",
            charge_category: r.chargeCategory ?? "Usage",
            commitment_discount_id: r.commitmentId ?? null,
            commitment_discount_status: r.commitmentStatus ?? null,
            commitment_discount_type: r.commitmentType ?? null,
            pricing_category: r.pricingCategory ?? "Standard",
            team: r.team,
            service: r.service ?? null,
            env: null,
            currency: r.currency ?? "USD",
            billed_cost: nanos(r.billed ?? r.effective),
            effective_cost: nanos(r.effective),
            list_cost: nanos(r.list ?? r.effective),
            contracted_cost: nanos(r.contracted ?? r.effective),
            pricing_quantity: "0",
            consumed_quantity: "0",
            row_count: 1,
          })),
        )
        .execute();
    }
  });
}

/** Rows for every day of [from, to], `amountFor` giving each day's cost (or null for no row). */
export function dailyRows(
  from: Day,
  to: Day,
  base: Omit<SeedRow, "day" | "effective">,
  amountFor: (day: Day, isoWeekday: number) => string | null,
): SeedRow[] {
  return dayRange(from, to).flatMap((day) => {
    const effective = amountFor(day, weekday(day));
    return effective === null ? [] : [{ ...base, day, effective }];
  });
}
