import { type CatalogKind, isCatalogKind } from "./types.ts";

/**
 * URL search parameters of the catalog pages. Filters live in the URL so a filtered list or a graph can
 * be bookmarked and shared; anything malformed is dropped rather than sent to the API.
 */
export interface ListSearch {
  kind?: CatalogKind;
  owner?: string;
  tier?: number;
  lifecycle?: string;
  /** One or more `key` or `key=value` terms separated by spaces or commas. */
  label?: string;
  q?: string;
  /** 1-based. */
  page?: number;
}

export const tiers = [1, 2, 3, 4] as const;
export const maxGraphDepth = 10;
export const maxWalkDepth = 10;

const text = (value: unknown, max = 200) =>
  typeof value === "string" && value.trim() !== "" ? value.trim().slice(0, max) : undefined;

/** A whole number in [min, max], or undefined. */
export function intIn(value: unknown, min: number, max: number): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

export function parseListSearch(search: Record<string, unknown>): ListSearch {
  const kind = isCatalogKind(search.kind) && search.kind !== "service" ? search.kind : undefined;
  const page = intIn(search.page, 2, 1_000_000);
  return {
    kind,
    owner: text(search.owner),
    tier: intIn(search.tier, 1, 4),
    lifecycle: text(search.lifecycle, 63),
    label: text(search.label, 400),
    q: text(search.q),
    page,
  };
}

/** Only services and components have a tier; the filter is meaningless (and empties the list) elsewhere. */
export function hasTier(kind: CatalogKind): boolean {
  return kind === "service" || kind === "component";
}

/** `env=prod, team` -> ["env=prod", "team"]: the API wants one `label` parameter per term. */
export function labelTerms(label: string | undefined): string[] {
  return (label ?? "")
    .split(/[\s,]+/)
    .filter(Boolean)
    .slice(0, 20);
}

export interface GraphSearch {
  /** A ref, `kind:name`; a bare name means a service. */
  root?: string;
  depth?: number;
}

export function parseGraphSearch(search: Record<string, unknown>): GraphSearch {
  return { root: text(search.root, 300), depth: intIn(search.depth, 1, maxGraphDepth) };
}

export interface EntitySearch {
  /** How far the dependency and dependent lists reach; 1 (direct) when absent. */
  depth?: number;
}

export function parseEntitySearch(search: Record<string, unknown>): EntitySearch {
  return { depth: intIn(search.depth, 2, maxWalkDepth) };
}
