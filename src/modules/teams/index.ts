import type { OpsdeckModule } from "../../platform/modules.ts";
import { teamCommands } from "./teams.cli.ts";
import { teamKind } from "./teams.kind.ts";
import { teamMigrations } from "./teams.migrations.ts";
import { teamRoutes } from "./teams.routes.ts";
import "./teams.tables.ts";

export { findTeam, memberNames } from "./teams.repository.ts";
export { type TeamSpec, type TeamView, teamView } from "./teams.schema.ts";
export { getTeam, listTeams, putTeam } from "./teams.service.ts";

export const teamsModule: OpsdeckModule = {
  name: "teams",
  migrations: teamMigrations,
  routes: teamRoutes,
  kinds: [teamKind],
  commands: teamCommands,
};
