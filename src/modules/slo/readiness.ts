import { registerReadinessCheck } from "../catalog/index.ts";

/** Issue 7: a tier 1-2 service must state how good it has to be. */
registerReadinessCheck({
  id: "slo.has-slo",
  level: "gold",
  title: "Has an SLO (tier 1-2)",
  appliesTo: (e) => e.kind === "service" && e.tier !== null && e.tier <= 2,
  async check({ entity, db }) {
    const rows = await db.read.selectFrom("slos").select(["name", "service"]).execute();
    const mine = rows.filter((r) => r.service.toLowerCase() === entity.name.toLowerCase()).map((r) => r.name);
    return mine.length > 0
      ? { pass: true, detail: `SLOs: ${mine.sort().join(", ")}` }
      : { pass: false, detail: "no SLO names this service in spec.service" };
  },
});
