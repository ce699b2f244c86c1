import {
  type CliArgs,
  type CliCommand,
  printJson,
  printTable,
  remoteCall,
  stringOption,
  UsageError,
  withDatabase,
} from "../../platform/cli.ts";
import { systemClock } from "../../platform/clock.ts";
import { getEntity, listEntities } from "./catalog.service.ts";
import { type EntityDetail, type EntitySummary, listQuery } from "./catalog.views.ts";
import { transitive } from "./graph.service.ts";
import { type CatalogKind, catalogKinds, isCatalogKind } from "./refs.ts";

const remote = { json: { type: "boolean", default: false }, url: { type: "string" } } as const;

function kindOf(text: string | undefined): CatalogKind {
  const k = (text ?? "service").toLowerCase();
  if (!isCatalogKind(k))
    throw new UsageError(`unknown kind '${text}' (expected one of: ${catalogKinds.join(", ")})`);
  return k;
}

/** `service payments-api`, `service:payments-api` or `service/payments-api`. */
function target(args: CliArgs): { kind: CatalogKind; name: string } {
  const [first, second] = args.positionals;
  if (first && second) return { kind: kindOf(first), name: second };
  const m = first ? /^([a-z]+)[:/](.+)$/i.exec(first) : null;
  if (!m) throw new UsageError("give KIND NAME, e.g. service payments-api");
  return { kind: kindOf(m[1]), name: m[2] ?? "" };
}

const enc = encodeURIComponent;

export const catalogCommands: CliCommand[] = [
  {
    name: "catalog list",
    summary: "list catalog entities of a kind, filtered",
    usage:
      "opsdeck catalog list [KIND] [--owner TEAM] [--tier N] [--lifecycle L] [--label K[=V]]... [--search TEXT] [--limit N] [--offset N] [--json] [--url URL]",
    options: {
      owner: { type: "string" },
      tier: { type: "string" },
      lifecycle: { type: "string" },
      label: { type: "string", multiple: true },
      search: { type: "string" },
      limit: { type: "string" },
      offset: { type: "string" },
      ...remote,
    },
    async run(args) {
      const kind = kindOf(args.positionals[0]);
      const raw = Object.fromEntries(
        ["owner", "tier", "lifecycle", "label", "search", "limit", "offset"]
          .map((k) => [k, args.values[k]])
          .filter(([, v]) => v !== undefined),
      );
      const parsed = listQuery.safeParse(raw);
      if (!parsed.success)
        throw new UsageError(
          parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; "),
        );
      const url = stringOption(args, "url", false);
      const result = url
        ? ((await remoteCall(url, "GET", `/api/v1/catalog/${kind}?${toQuery(raw)}`)) as {
            items: EntitySummary[];
            total: number;
          })
        : await withDatabase((db) => listEntities(db, kind, parsed.data));
      if (args.values.json) return printJson(result);
      printTable(
        result.items.map((e) => ({
          ...e,
          owner: e.owner?.ref ?? "",
          rto: e.rto?.iso ?? "",
          rpo: e.rpo?.iso ?? "",
        })),
        ["name", "displayName", "owner", "tier", "lifecycle", "rto", "rpo"],
      );
      process.stdout.write(`${result.items.length} of ${result.total}\n`);
    },
  },
  {
    name: "catalog show",
    summary: "show one catalog entity with its dependencies, dependents and scorecard",
    usage: "opsdeck catalog show KIND NAME [--json] [--url URL]",
    options: { ...remote },
    async run(args) {
      const { kind, name } = target(args);
      const url = stringOption(args, "url", false);
      const e = url
        ? ((await remoteCall(url, "GET", `/api/v1/catalog/${kind}/${enc(name)}`)) as EntityDetail)
        : await withDatabase((db) => getEntity(db, systemClock, kind, name));
      if (args.values.json) return printJson(e);
      const line = (label: string, value: unknown) => {
        if (value !== null && value !== undefined && value !== "")
          process.stdout.write(`${label.padEnd(12)} ${value}\n`);
      };
      process.stdout.write(
        `${e.displayName} (${e.kind}:${e.name})\n${e.description ? `${e.description}\n` : ""}\n`,
      );
      line("owner", e.owner ? `${e.owner.ref}${e.owner.resolved ? "" : " (unresolved)"}` : "none");
      line("tier", e.tier);
      line("lifecycle", e.lifecycle);
      line("system", e.system?.ref);
      line("rto", e.rto?.iso);
      line("rpo", e.rpo?.iso);
      for (const r of e.runbooks) line("runbook", r.url);
      for (const d of e.dependencies)
        line(`needs`, `${d.kind}:${d.name} (${d.relation})${d.resolved ? "" : " unresolved"}`);
      for (const d of e.dependents) line(`needed by`, `${d.kind}:${d.name} (${d.relation})`);
      for (const u of e.unresolved) line("unresolved", `${u.field}: ${u.ref}: ${u.reason}`);
      if (e.scorecard) {
        line("level", e.scorecard.level ?? "none");
        for (const c of e.scorecard.checks)
          line(`  ${c.status}`, `${c.level} ${c.title}${c.detail ? `: ${c.detail}` : ""}`);
      }
    },
  },
  {
    name: "catalog impact",
    summary: "who is hurt when an entity breaks (or, with --dependencies, what it needs)",
    usage: "opsdeck catalog impact KIND NAME [--depth N] [--dependencies] [--json] [--url URL]",
    options: { depth: { type: "string" }, dependencies: { type: "boolean", default: false }, ...remote },
    async run(args) {
      const { kind, name } = target(args);
      const depth = Number(stringOption(args, "depth", false) || 10);
      if (!Number.isInteger(depth) || depth < 1 || depth > 50)
        throw new UsageError("--depth must be 1 to 50");
      const direction = args.values.dependencies ? "dependencies" : "dependents";
      const url = stringOption(args, "url", false);
      const path = `/api/v1/catalog/${kind}/${enc(name)}/${direction === "dependents" ? "impact" : "dependencies"}?depth=${depth}`;
      const r = url
        ? await remoteCall(url, "GET", path).then((x) => {
            const o = x as {
              dependents?: unknown;
              dependencies?: unknown;
              cycles: unknown;
              truncated: boolean;
            };
            return {
              items: (o.dependents ?? o.dependencies) as {
                kind: string;
                name: string;
                depth: number;
                resolved: boolean;
              }[],
              cycles: o.cycles as { kind: string; name: string }[][],
              truncated: o.truncated,
            };
          })
        : await withDatabase((db) => transitive(db, kind, name, direction, { depth }));
      if (args.values.json)
        return printJson({ [direction]: r.items, cycles: r.cycles, truncated: r.truncated });
      printTable(
        r.items.map((i) => ({ ...i, resolved: i.resolved ? "yes" : "no" })),
        ["depth", "kind", "name", "resolved"],
      );
      for (const c of r.cycles)
        process.stdout.write(`cycle: ${c.map((n) => `${n.kind}:${n.name}`).join(" -> ")}\n`);
      if (r.truncated) process.stdout.write(`stopped at depth ${depth}; more lies beyond\n`);
    },
  },
];

function toQuery(raw: Record<string, unknown>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(raw))
    for (const x of Array.isArray(v) ? v : [v]) p.append(k, String(x));
  return p.toString();
}
