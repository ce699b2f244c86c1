import type { ActionContext } from "../../platform/context.ts";
import type { Database } from "../../platform/db/database.ts";
import { allEntities } from "../catalog/index.ts";
import { hasImportedHistory, importIncidentHistory } from "../incidents/index.ts";

const services = [
  "ingress-gateway",
  "pgbouncer",
  "kafka-connect",
  "identity-sso",
  "ci-runners",
  "grafana",
  "dns",
];
const titles = [
  "Elevated 5xx at the edge",
  "Connection pool exhausted",
  "Consumer lag above threshold",
  "Login failures spiking",
  "Build queue stuck",
  "Dashboards time out",
  "Resolution failures in eu-west",
];
const severities = ["SEV1", "SEV2", "SEV2", "SEV3", "SEV3", "SEV3", "SEV4"];

/** A deterministic generator, so every `opsdeck demo` shows the same history. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/**
 * Six months of imported incident history (as a team moving from PagerDuty would bring), so the KPI
 * dashboard and the monthly review have trends to show. Runs once: skipped when history was imported.
 */
export async function seedKpisDemo(db: Database, ctx: ActionContext): Promise<void> {
  if (await hasImportedHistory(db)) return;
  const known = new Set((await allEntities(db, "service")).map((s) => s.name));
  const usable = services.filter((s) => known.has(s));
  if (usable.length === 0) return;
  const random = lcg(42);
  const now = ctx.clock.now().getTime();
  const lines = ["title,service,severity,triggeredAt,acknowledgedAt,resolvedAt"];
  for (let i = 0; i < 140; i++) {
    const k = Math.floor(random() * usable.length);
    const start = now - (2 + random() * 178) * 86_400_000;
    const ack = start + (30 + random() * 1500) * 1000 * (i % 5 === 0 ? 4 : 1);
    const resolved = ack + (600 + random() * 14_000) * 1000;
    const iso = (t: number) => new Date(Math.floor(t / 1000) * 1000).toISOString();
    const sev = severities[Math.floor(random() * severities.length)] ?? "SEV3";
    const title = titles[services.indexOf(usable[k] as string)] ?? "Service degraded";
    lines.push(
      [
        title,
        usable[k],
        sev,
        iso(start),
        i % 11 === 0 ? "" : iso(ack),
        resolved < now ? iso(resolved) : "",
      ].join(","),
    );
  }
  await importIncidentHistory(db, ctx, `${lines.join("\n")}\n`, "demo history");
}
