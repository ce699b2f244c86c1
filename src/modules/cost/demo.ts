import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Temporal } from "temporal-polyfill";
import { cliConfig } from "../../platform/cli.ts";
import type { ActionContext } from "../../platform/context.ts";
import type { Database } from "../../platform/db/database.ts";
import { catalogServices } from "./allocation.service.ts";
import { demoFocusCsv } from "./demo-data.ts";
import { importFocusFiles } from "./import.service.ts";

function daysOf(from: Temporal.PlainDate, to: Temporal.PlainDate): string[] {
  const out: string[] = [];
  for (let d = from; Temporal.PlainDate.compare(d, to) < 0; d = d.add({ days: 1 })) out.push(d.toString());
  return out;
}

/**
 * The demo bill: the two months before this one in full and this month up to yesterday, for the demo
 * catalog's services, imported through the same path as a real export (so re-running the demo replaces,
 * never doubles). Two full months, so that on any day of the month there are the five weeks of history the
 * anomaly baseline needs (one full month is not enough early in a month).
 */
export async function seedCostDemo(db: Database, ctx: ActionContext): Promise<void> {
  const services = await catalogServices(db);
  if (services.length === 0) return;
  const today = Temporal.Instant.fromEpochMilliseconds(ctx.clock.now().getTime())
    .toZonedDateTimeISO("UTC")
    .toPlainDate();
  const thisMonth = today.with({ day: 1 });
  const lastMonth = thisMonth.subtract({ months: 1 });
  const monthBefore = thisMonth.subtract({ months: 2 });
  const nextMonth = thisMonth.add({ months: 1 });
  const dir = mkdtempSync(join(tmpdir(), "opsdeck-cost-demo-"));
  try {
    const files = [
      {
        name: "demo-month-before.csv",
        start: monthBefore,
        end: lastMonth,
        days: daysOf(monthBefore, lastMonth),
      },
      { name: "demo-last-month.csv", start: lastMonth, end: thisMonth, days: daysOf(lastMonth, thisMonth) },
      { name: "demo-this-month.csv", start: thisMonth, end: nextMonth, days: daysOf(thisMonth, today) },
    ]
      .filter((f) => f.days.length > 0)
      .map((f) => {
        const path = join(dir, f.name);
        writeFileSync(
          path,
          demoFocusCsv(services, { start: f.start.toString(), end: f.end.toString() }, f.days),
        );
        return { path, name: f.name };
      });
    await importFocusFiles({ db, config: cliConfig() }, ctx, files);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
