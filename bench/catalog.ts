// The module registry first: loading a module before it would meet the registry <-> module import cycle.
import "../src/modules/registry.ts";
import { allEdges, expandFrontier } from "../src/modules/catalog/catalog.repository.ts";
import { listEntities } from "../src/modules/catalog/catalog.service.ts";
import { walkNodesWithCte } from "../src/modules/catalog/graph.repository.ts";
import { transitive } from "../src/modules/catalog/graph.service.ts";
import { adjacency, walk } from "../src/modules/catalog/graph.ts";
import { allMigrations, manifestRegistry } from "../src/modules/registry.ts";
import { systemClock } from "../src/platform/clock.ts";
import { testDatabaseUrl } from "../src/platform/config/config.ts";
import type { ActionContext } from "../src/platform/context.ts";
import { openDatabase } from "../src/platform/db/database.ts";
import { migrateToLatest } from "../src/platform/db/migrations.ts";
import { applyDocuments } from "../src/platform/manifests/apply.ts";
import { parseManifestText } from "../src/platform/manifests/load.ts";
import {
  type BenchDatabase,
  createPostgresDatabase,
  createSqliteDatabase,
  percentile,
  printTable,
  round,
  timed,
} from "./support.ts";

const services = 7_000;
const resources = 3_000;
const edges = 30_000;
const layers = 11;
const teams = 20;
const queries = 200;
const depth = 10;

/** A deterministic pseudo-random sequence, so every run measures the same catalog. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * 10,000 entities in 11 layers (services on top, resources at the bottom), 3 edges from each node to the
 * layer below, the rest to any lower layer, and a few edges upward so the graph has cycles, as real ones do.
 */
function catalogYaml(): { text: string; bottom: string[]; middle: string[] } {
  const random = rng(42);
  const total = services + resources;
  const perLayer = Math.ceil(total / layers);
  const ref = (i: number) => (i < services ? `service:svc-${i}` : `resource:res-${i - services}`);
  const layerOf = (i: number) => Math.floor(i / perLayer);
  const inLayer = (l: number) => {
    const start = l * perLayer;
    return start + Math.floor(random() * Math.min(perLayer, total - start));
  };
  const deps: Set<string>[] = Array.from({ length: total }, () => new Set());
  let count = 0;
  const add = (from: number, to: number) => {
    if (from !== to && !deps[from]?.has(ref(to)) && count < edges) {
      deps[from]?.add(ref(to));
      count++;
    }
  };
  for (let i = 0; i < total; i++)
    if (layerOf(i) < layers - 1) for (let k = 0; k < 3; k++) add(i, inLayer(layerOf(i) + 1));
  for (let i = 0; i < 25; i++) add(inLayer(layers - 1), inLayer(Math.floor(random() * 3)));
  while (count < edges) {
    const from = Math.floor(random() * (total - perLayer));
    add(from, inLayer(layerOf(from) + 1 + Math.floor(random() * (layers - 1 - layerOf(from)))));
  }
  const docs: string[] = [];
  for (let t = 0; t < teams; t++)
    docs.push(`apiVersion: opsdeck.dev/v1\nkind: Team\nmetadata: { name: team-${t} }\nspec: {}\n`);
  for (let i = 0; i < total; i++) {
    const list = `[${[...(deps[i] ?? [])].join(", ")}]`;
    const owner = `team-${i % teams}`;
    docs.push(
      i < services
        ? `apiVersion: opsdeck.dev/v1\nkind: Service\nmetadata: { name: svc-${i} }\nspec: { owner: ${owner}, tier: ${(i % 4) + 1}, lifecycle: ${i % 7 === 0 ? "experimental" : "production"}, description: "Service number ${i}", labels: { domain: d-${i % 10} }, rto: 4h, rpo: 15m, dependsOn: ${list} }\n`
        : `apiVersion: opsdeck.dev/v1\nkind: Resource\nmetadata: { name: res-${i - services} }\nspec: { type: database, owner: ${owner}, dependsOn: ${list} }\n`,
    );
  }
  const bottom = Array.from({ length: queries }, () => inLayer(layers - 1)).map((i) => `res-${i - services}`);
  const middle = Array.from({ length: queries }, () => inLayer(5)).map((i) => `svc-${i}`);
  return { text: docs.join("---\n"), bottom, middle };
}

type Row = Record<string, string | number>;

async function measure(database: BenchDatabase, yaml: ReturnType<typeof catalogYaml>): Promise<Row[]> {
  const db = openDatabase(database.url, { pgPoolSize: 5 });
  const ctx: ActionContext = {
    actor: { type: "system", label: "bench" },
    requestId: null,
    clock: systemClock,
  };
  const rows: Row[] = [];
  const row = (what: string, times: number[], size: number | string = "") =>
    rows.push({
      engine: database.engine,
      measure: what,
      n: times.length,
      "p50 ms": round(percentile(times, 50), 1),
      "p95 ms": round(percentile(times, 95), 1),
      "max ms": round(Math.max(...times), 1),
      "avg result": size,
    });
  try {
    await migrateToLatest(db, allMigrations());
    const apply = async () => {
      const { documents, issues } = parseManifestText(yaml.text, "bench.yaml");
      return applyDocuments(db, ctx, documents, manifestRegistry(), { dryRun: false, prune: false }, issues);
    };
    const first = await timed(apply);
    row(`apply ${services + resources} entities, ${edges} edges (create)`, [first.ms], first.value.length);
    const second = await timed(apply);
    const unchanged = second.value.filter((c) => c.action === "unchanged").length;
    row("apply again (all unchanged)", [second.ms], unchanged);

    for (const [label, roots, kind] of [
      [`bottom resource, depth ${depth}`, yaml.bottom, "resource"],
      [`mid-layer service, depth ${depth}`, yaml.middle, "service"],
    ] as const) {
      const endpoint: number[] = [];
      const bfs: number[] = [];
      const cte: number[] = [];
      const memory: number[] = [];
      let size = 0;
      for (const name of roots) {
        const key = `${kind}:${name}`;
        const t = await timed(() => transitive(db, kind, name, "dependents", { depth }));
        endpoint.push(t.ms);
        size += t.value.items.length;
        bfs.push((await timed(() => walk(key, depth, (f) => expandFrontier(db.read, f, "dependents")))).ms);
        cte.push((await timed(() => walkNodesWithCte(db.read, key, depth, "dependents"))).ms);
        memory.push(
          (
            await timed(async () => {
              const all = await allEdges(db.read);
              return walk(
                key,
                depth,
                adjacency(all.map((e) => ({ node: e.to_key, next: e.from_key, relation: e.relation }))),
              );
            })
          ).ms,
        );
      }
      const avg = round(size / roots.length);
      row(`${label}: impact query, one recursive CTE (used)`, endpoint, avg);
      row(`  walk only: one query per level`, bfs, avg);
      row(`  walk only: recursive CTE, depth cap`, cte, avg);
      row(`  walk only: load all edges, BFS in memory`, memory, avg);
    }
    const filtered: number[] = [];
    const search: number[] = [];
    let sizes = 0;
    for (let i = 0; i < queries; i++) {
      const q = {
        owner: `team-${i % teams}`,
        tier: (i % 4) + 1,
        label: `domain=d-${i % 10}`,
        limit: 50,
        offset: 0,
      };
      const t = await timed(() => listEntities(db, "service", q));
      filtered.push(t.ms);
      sizes += t.value.total;
      search.push(
        (await timed(() => listEntities(db, "service", { search: `number ${i}9`, limit: 50, offset: 0 }))).ms,
      );
    }
    row("list: owner + tier + label, page of 50", filtered, round(sizes / queries));
    row("list: text search, page of 50", search, 50);
  } finally {
    await db.close();
  }
  return rows;
}

/** `npm run bench -- catalog`: apply, impact and list on a 10,000-entity catalog, SQLite and PostgreSQL. */
export async function run(): Promise<void> {
  const yaml = catalogYaml();
  const databases: (() => Promise<BenchDatabase>)[] = [async () => createSqliteDatabase()];
  const pgUrl = testDatabaseUrl();
  if (pgUrl) databases.push(() => createPostgresDatabase(pgUrl));
  else
    process.stderr.write(
      "\n*** OPSDECK_TEST_DATABASE_URL is not set: the PostgreSQL rows are SKIPPED ***\n\n",
    );
  const rows: Row[] = [];
  for (const create of databases) {
    const database = await create();
    process.stderr.write(`${database.engine}: applying and querying...\n`);
    try {
      rows.push(...(await measure(database, yaml)));
    } finally {
      await database.drop();
    }
  }
  process.stdout.write(
    `\ncatalog: ${services} services + ${resources} resources in ${layers} layers, ${edges} dependsOn edges, ` +
      `${teams} teams; ${queries} queries per row; in-process, SQLite synchronous=FULL\n\n`,
  );
  printTable(rows, ["engine", "measure", "n", "p50 ms", "p95 ms", "max ms", "avg result"]);
}
