import type { OpsdeckModule } from "../../platform/modules.ts";
import { notifyJobHandlers } from "./delivery.ts";
import { notifyCommands } from "./notify.cli.ts";
import { notifyMigrations } from "./notify.migrations.ts";
import { notifyRoutes } from "./notify.routes.ts";
import "./notify.tables.ts";

export { smtpTransport } from "./channels/email.ts";
export { type DeliveryOptions, notifyJobHandlers } from "./delivery.ts";
export { listMessages } from "./messages.repository.ts";
export type { MessageState, MessageView } from "./notify.schema.ts";
export { type NotificationRequest, planNotifications } from "./plan.service.ts";

export const notifyModule: OpsdeckModule = {
  name: "notify",
  migrations: notifyMigrations,
  routes: notifyRoutes,
  jobHandlers: (deps) => notifyJobHandlers(deps),
  commands: notifyCommands,
};
