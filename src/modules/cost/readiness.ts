import { sql } from "kysely";
import { Temporal } from "temporal-polyfill";
import { registerReadinessCheck } from "../catalog/index.ts";

/**
 * Catalog readiness: a service's cloud spend reaches it through the allocation rules. Looks at the last
 * 30 days of imported billing data; with no billing data at all there is nothing to allocate yet.
 */
registerReadinessCheck({
  id: "cost.spend-allocated",
  level: "gold",
  title: "Cloud spend allocated to the service",
  appliesTo: (e) => e.kind === "service",
  async check({ entity, db }) {
    const latest = await db.read
      .selectFrom("cost_daily")
      .select(sql<string | null>`max(day)`.as("day"))
      .executeTakeFirst();
    if (!latest?.day) return { pass: true, detail: "no billing data imported yet" };
    const since = Temporal.PlainDate.from(latest.day).subtract({ days: 30 }).toString();
    const row = await db.read
      .selectFrom("cost_daily")
      .select(sql<number>`count(*)`.as("n"))
      .where("service", "=", entity.name)
      .where("team", "is not", null)
      .where("day", ">", since)
      .executeTakeFirst();
    return Number(row?.n ?? 0) > 0
      ? { pass: true }
      : {
          pass: false,
          detail: "no spend tagged with this service (tag service=NAME) in the last 30 days of billing data",
        };
  },
});
