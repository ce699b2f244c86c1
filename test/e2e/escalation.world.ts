// The module registry first: loading a module before it would meet the registry <-> module import cycle.
import "../../src/modules/registry.ts";
import { stringify } from "yaml";
import {
  type BenchDatabase,
  createPostgresDatabase,
  createSqliteDatabase,
  type RunningServer,
  startServer,
} from "../../bench/support.ts";
import { allMigrations, manifestRegistry } from "../../src/modules/registry.ts";
import { createToken } from "../../src/platform/auth/index.ts";
import { systemClock } from "../../src/platform/clock.ts";
import type { ActionContext } from "../../src/platform/context.ts";
import { openDatabase } from "../../src/platform/db/database.ts";
import { migrateToLatest } from "../../src/platform/db/migrations.ts";
import { applyDocuments } from "../../src/platform/manifests/apply.ts";
import { parseManifestText } from "../../src/platform/manifests/load.ts";
import { analyse, type Outcome } from "./escalation.analysis.ts";
import { startReceivers } from "./escalation.receivers.ts";

/**
 * The whole-system escalation run shared by the exactly-once test and `npm run bench -- oncall`: real
 * `opsdeck serve` processes on one database, `services` services with a two-level policy each (level 0:
 * user a-N at once; level 1: schedule s-N, whose only participant is b-N, `level1Minutes` later), every
 * user reachable by e-mail and webhook, and `incidents` incidents declared through the API at once.
 */
export interface Scenario {
  engine: "postgres" | "sqlite";
  /** PostgreSQL only; SQLite runs one instance. */
  instances: number;
  incidents: number;
  services: number;
  level1Minutes: number;
  /** `kill`: SIGKILL one instance as level 1 falls due; `restart`: and start it again on the same database. */
  disrupt: "none" | "kill" | "restart";
  /** Where PostgreSQL databases are created. */
  postgresUrl?: string;
  log?: (line: string) => void;
}

const ctx: ActionContext = { actor: { type: "system", label: "e2e" }, requestId: null, clock: systemClock };
const yamlDoc = (kind: string, name: string, spec: unknown) =>
  stringify({ apiVersion: "opsdeck.dev/v1", kind, metadata: { name }, spec });

function manifests(services: number, level1Minutes: number): string {
  const docs = [yamlDoc("User", "driver", { email: "driver@example.com", role: "responder" })];
  for (let n = 0; n < services; n++) {
    for (const who of ["a", "b"])
      docs.push(yamlDoc("User", `${who}-${n}`, { email: `${who}-${n}@example.com`, role: "responder" }));
    docs.push(
      yamlDoc("Schedule", `s-${n}`, {
        timeZone: "Etc/UTC",
        layers: [
          { name: "all", start: "2020-01-06T00:00", rotation: { every: "1w" }, participants: [`b-${n}`] },
        ],
      }),
      yamlDoc("EscalationPolicy", `p-${n}`, {
        services: [`svc-${n}`],
        levels: [{ targets: [`user:a-${n}`] }, { afterMinutes: level1Minutes, targets: [`schedule:s-${n}`] }],
      }),
    );
  }
  return docs.join("---\n");
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function pool<T, R>(items: T[], limit: number, work: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i] as T, i);
    }
  });
  await Promise.all(lanes);
  return out;
}

async function api(base: string, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function seed(url: string, s: Scenario): Promise<Map<string, string>> {
  const db = openDatabase(url);
  try {
    await migrateToLatest(db, allMigrations());
    const { documents, issues } = parseManifestText(manifests(s.services, s.level1Minutes), "e2e.yaml");
    await applyDocuments(db, ctx, documents, manifestRegistry(), { dryRun: false, prune: false }, issues);
    const tokens = new Map<string, string>();
    const names = ["driver", ...Array.from({ length: s.services }, (_, n) => [`a-${n}`, `b-${n}`]).flat()];
    for (const user of names) tokens.set(user, (await createToken(db, ctx, { user, name: "e2e" })).token);
    return tokens;
  } finally {
    await db.close();
  }
}

export async function runScenario(s: Scenario): Promise<Outcome> {
  const log = s.log ?? (() => {});
  const database: BenchDatabase =
    s.engine === "postgres" ? await createPostgresDatabase(s.postgresUrl ?? "") : createSqliteDatabase();
  const receivers = await startReceivers();
  const servers: RunningServer[] = [];
  try {
    const tokens = await seed(database.url, s);
    const env = { OPSDECK_SMTP_URL: receivers.smtpUrl, OPSDECK_EGRESS_ALLOW: "127.0.0.1/32" };
    const count = s.engine === "postgres" ? s.instances : 1;
    servers.push(...(await Promise.all(Array.from({ length: count }, () => startServer(database.url, env)))));
    const base = (i: number) => (servers[i % servers.length] as RunningServer).baseUrl;
    const users = [...tokens.keys()].filter((u) => u !== "driver");
    await pool(users, 16, async (user, i) => {
      const token = tokens.get(user) as string;
      await api(base(i), token, "POST", "/api/v1/me/contact-methods", {
        type: "email",
        address: `${user}@example.com`,
      });
      await api(base(i), token, "POST", "/api/v1/me/contact-methods", {
        type: "webhook",
        url: receivers.hookUrl(user),
      });
    });
    log(`seeded ${users.length} users on ${count} instance(s); declaring ${s.incidents} incidents`);
    const driver = tokens.get("driver") as string;
    const declared = await pool(
      Array.from({ length: s.incidents }, (_, i) => i),
      24,
      async (i) => {
        const service = `svc-${i % s.services}`;
        const body = await api(base(i), driver, "POST", "/api/v1/incidents", {
          title: `incident ${i}`,
          services: [service],
        });
        return {
          id: body.id as string,
          number: body.number as number,
          service,
          createdAt: body.createdAt as string,
        };
      },
    );
    const expected = s.incidents * 2 * 2;
    const firstLevel1 = Math.min(...declared.map((d) => Date.parse(d.createdAt))) + s.level1Minutes * 60_000;
    let disrupted: string | null = null;
    if (s.disrupt !== "none") {
      // Just after the first level-1 steps fall due: the victim is claiming, planning and sending them.
      await new Promise((r) => setTimeout(r, Math.max(0, firstLevel1 + 1_500 - Date.now())));
      const victim = servers[0] as RunningServer;
      process.kill(victim.pid, "SIGKILL");
      disrupted = `SIGKILL to pid ${victim.pid} with ${receivers.deliveries()} of ${expected} deliveries in`;
      log(disrupted);
      if (s.disrupt === "restart") servers[0] = await startServer(database.url, env);
      else servers.shift();
    }
    // Bounded: a lease (60 s) and a send recovery (75 s) after the disruption is the slowest path.
    const deadline = firstLevel1 + 150_000;
    while (receivers.deliveries() < expected && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 250));
    // Late duplicates would arrive within a moment of the rest; give them one.
    await new Promise((r) => setTimeout(r, 2_000));
    const viewer = servers[0] as RunningServer;
    const escalations = await pool(declared, 16, async (d) => ({
      ...d,
      view: await api(viewer.baseUrl, driver, "GET", `/api/v1/incidents/${d.id}/escalation`),
    }));
    await Promise.all(servers.map((server) => server.stop()));
    servers.length = 0;
    return await analyse(database.url, escalations, receivers.arrivals, disrupted);
  } finally {
    await Promise.all(servers.map((server) => server.stop().catch(() => null)));
    await receivers.close();
    await database.drop();
  }
}
