export { authMigrations } from "./auth.migrations.ts";
export { authRoutes } from "./auth.routes.ts";
export { login } from "./login.service.ts";
export { issueSetupToken, needsSetup } from "./setup.service.ts";
export { createToken, listTokens, revokeToken } from "./tokens.service.ts";
export { userKind } from "./users.kind.ts";
export { findUserById, findUserByName, findUsersByIds, userDisplayNames } from "./users.repository.ts";
export { createUser, getUser, listUsers, updateUser } from "./users.service.ts";

import "./auth.tables.ts";
