import { registerReadinessCheck } from "../catalog/index.ts";
import { allSlos } from "./slo.repository.ts";

/** Issue 7: a tier 1-2 service must state how good it has to be. */
registerReadinessCheck({
  id: "slo.has-slo",
  level: "gold",
  title: "Has an SLO (tier 1-2)",
  appliesTo: (e) => e.kind === "service" && e.tier !== null && e.tier <= 2,
  async check({ entity, db }) {
    const mine = (await allSlos(db.read, entity.name)).map((r) => r.name);
    return mine.length > 0
      ? { pass: true, detail: `SLOs: ${mine.sort().join(", ")}` }
      : { pass: false, detail: "no SLO names this service in spec.service" };
  },
});
