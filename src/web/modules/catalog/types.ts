/**
 * Shapes of the catalog API. Entity views come straight from the server's zod schemas (type-only
 * imports: nothing of the server reaches the bundle), so a contract change fails `npm run typecheck`.
 * Answers whose schema is declared inline in the routes are mirrored here.
 */
import type {
  EntityDetail,
  EntitySummary,
  GraphView,
  ScorecardView,
} from "../../../modules/catalog/catalog.views.ts";
import type { CatalogKind } from "../../../modules/catalog/refs.ts";

export type { CatalogKind, EntityDetail, EntitySummary, GraphView, ScorecardView };

export type Level = NonNullable<ScorecardView["level"]>;
export type CheckResult = ScorecardView["checks"][number];
export type Neighbour = EntityDetail["dependencies"][number];

/** Every kind the API serves, in the order the UI offers them. */
export const catalogKinds = [
  "service",
  "resource",
  "system",
  "api",
  "component",
  "domain",
] as const satisfies readonly CatalogKind[];

/** The kinds the list page has tabs for; the others open from links (a dependency, a system's part). */
export const tabKinds = ["service", "resource", "system"] as const satisfies readonly CatalogKind[];

export const kindLabels: Record<CatalogKind, { one: string; many: string }> = {
  service: { one: "Service", many: "Services" },
  resource: { one: "Resource", many: "Resources" },
  system: { one: "System", many: "Systems" },
  api: { one: "API", many: "APIs" },
  component: { one: "Component", many: "Components" },
  domain: { one: "Domain", many: "Domains" },
};

export function isCatalogKind(value: unknown): value is CatalogKind {
  return typeof value === "string" && (catalogKinds as readonly string[]).includes(value);
}

export interface CatalogPage {
  items: EntitySummary[];
  total: number;
  limit: number;
  offset: number;
}

export interface WalkItem {
  kind: string;
  name: string;
  depth: number;
  resolved: boolean;
}

/** `/dependencies` answers with `dependencies`, `/impact` with `dependents`; both are normalised to this. */
export interface Walk {
  items: WalkItem[];
  cycles: { kind: string; name: string }[][];
  truncated: boolean;
}

export interface TeamScorecard {
  team: string;
  displayName: string | null;
  levels: Record<Level | "none", number>;
  checks: {
    id: string;
    level: string;
    title: string;
    passed: number;
    failed: number;
    notApplicable: number;
  }[];
  entities: {
    kind: string;
    name: string;
    displayName: string;
    tier: number | null;
    scorecard: ScorecardView;
  }[];
}
