import type { OpsdeckModule } from "../../platform/modules.ts";
import { actionItemRoutes } from "./action-items.routes.ts";
import { seedPostmortemsDemo } from "./demo.ts";
import { postmortemCommands } from "./postmortems.cli.ts";
import { postmortemMigrations } from "./postmortems.migrations.ts";
import { postmortemRoutes } from "./postmortems.routes.ts";
import { runbookCommands } from "./runbooks.cli.ts";
import { runbookKind } from "./runbooks.kind.ts";
import { runbookRoutes } from "./runbooks.routes.ts";
import "./postmortems.tables.ts";

export {
  type ActionItemFact,
  listActionItemFacts,
  listPostmortemFacts,
  type PostmortemFact,
} from "./facts.ts";
export {
  type ActionItemStatus,
  actionItemStatuses,
  type PostmortemStatus,
  postmortemStatuses,
} from "./postmortem.ts";

/** Postmortems, action items and runbooks (issue 8). */
export const postmortemsModule: OpsdeckModule = {
  name: "postmortems",
  migrations: postmortemMigrations,
  routes(app, deps) {
    postmortemRoutes(app, deps);
    actionItemRoutes(app, deps);
    runbookRoutes(app, deps);
  },
  kinds: [runbookKind],
  commands: [...postmortemCommands, ...runbookCommands],
  seedDemo: seedPostmortemsDemo,
};
