/**
 * A large, realistic catalog for the browser test: a few hundred services layered on top of the demo
 * organisation's platform (every one of them ends up needing Vault), so the graph page is tested at the
 * size it must stay readable at. Deterministic: the same manifests on every run.
 */

const domains = [
  "orders",
  "payments",
  "checkout",
  "search",
  "billing",
  "shipping",
  "inventory",
  "accounts",
  "notifications",
  "reviews",
  "pricing",
  "promotions",
  "ledger",
  "fraud",
  "recommendations",
  "media",
  "profile",
  "sessions",
  "reporting",
  "loyalty",
];
const roles = [
  "api",
  "worker",
  "gateway",
  "consumer",
  "scheduler",
  "cache",
  "indexer",
  "web",
  "sync",
  "exporter",
];
const teams = ["platform", "data", "network", "finops"];
/** Platform services of the demo organisation that product services build on. */
const platform = ["service:identity-sso", "service:vault", "service:service-mesh", "resource:pg-main"];

/** A small linear congruential generator: Math.random would make every run a different graph. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
}

export interface LargeCatalog {
  yaml: string;
  names: string[];
}

/** `count` services named `<domain>-<role>`, each depending on one to three earlier ones. */
export function largeCatalog(count = 200): LargeCatalog {
  const rnd = random(42);
  const names: string[] = [];
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    const domain = domains[i % domains.length] as string;
    const role = roles[Math.floor(i / domains.length) % roles.length] as string;
    const name = `${domain}-${role}${i >= domains.length * roles.length ? `-${i}` : ""}`;
    const deps = new Set<string>();
    if (i < domains.length) {
      // The first layer stands on the platform itself.
      deps.add(platform[i % platform.length] as string);
      deps.add("service:identity-sso");
    } else {
      const n = 1 + Math.floor(rnd() * 3);
      for (let j = 0; j < n; j++) {
        // Mostly a neighbour in the same domain a layer below, sometimes anything earlier.
        const same = i - domains.length;
        const pick = rnd() < 0.6 ? same : Math.floor(rnd() * i);
        deps.add(`service:${names[pick]}`);
      }
    }
    names.push(name);
    docs.push(
      [
        "apiVersion: opsdeck.dev/v1",
        "kind: Service",
        `metadata: { name: ${name} }`,
        "spec:",
        `  owner: ${teams[i % teams.length]}`,
        `  tier: ${1 + (i % 4)}`,
        "  lifecycle: production",
        `  dependsOn: [${[...deps].join(", ")}]`,
      ].join("\n"),
    );
  }
  return { yaml: `${docs.join("\n---\n")}\n`, names };
}
