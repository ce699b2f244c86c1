/**
 * The database's table types. Empty here on purpose: each module adds its own tables by declaration
 * merging (`declare module "…/platform/db/tables.ts" { interface Tables { … } }`) in its
 * `*.tables.ts`, so a module's tables are declared beside the module that owns them.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in each module
export interface Tables {}
