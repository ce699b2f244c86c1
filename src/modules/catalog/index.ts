import type { OpsdeckModule } from "../../platform/modules.ts";
import { backstageApiVersion, backstageTranslator } from "./backstage.ts";
import { backstageUserKind } from "./backstage-user.kind.ts";
import { catalogCommands } from "./catalog.cli.ts";
import { catalogKindHandlers } from "./catalog.kind.ts";
import { catalogMigrations } from "./catalog.migrations.ts";
import { catalogRoutes } from "./catalog.routes.ts";
import "./catalog.tables.ts";
import "./checks.ts";

export type { EntitySpec } from "./catalog.schema.ts";
export { allEntities, getEntity, listEntities, serviceRunbooks } from "./catalog.service.ts";
export type { EntityDetail, EntitySummary, Level, ScorecardView } from "./catalog.views.ts";
export { parseDuration } from "./durations.ts";
export { transitive } from "./graph.service.ts";
export { type CatalogKind, catalogKinds, parseRef } from "./refs.ts";
export {
  type CheckOutcome,
  type ReadinessCheck,
  type ReadinessContext,
  readinessChecks,
  registerReadinessCheck,
} from "./scorecards.ts";

export const catalogModule: OpsdeckModule = {
  name: "catalog",
  migrations: catalogMigrations,
  routes: catalogRoutes,
  kinds: [backstageUserKind, ...catalogKindHandlers],
  translators: { [backstageApiVersion]: backstageTranslator },
  commands: catalogCommands,
};
