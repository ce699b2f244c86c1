import { fileURLToPath } from "node:url";
import { manifestRegistry, modules } from "../modules/registry.ts";
import { cliContext } from "../platform/cli.ts";
import type { ActionContext } from "../platform/context.ts";
import type { Database } from "../platform/db/database.ts";
import { applyDocuments } from "../platform/manifests/apply.ts";
import { loadManifestPaths } from "../platform/manifests/load.ts";

/** The demo organisation lives as manifests in `demo/`, the same way a real team keeps its config in git. */
export const demoDirectory = fileURLToPath(new URL("../../demo", import.meta.url));

/**
 * Applies the demo manifests, then lets modules add data that is not a manifest (history, events), dated
 * by `ctx.clock` (tests fix the day; the CLI uses the system clock).
 */
export async function seedDemo(db: Database, ctx: ActionContext = cliContext()): Promise<string> {
  const { documents, issues } = loadManifestPaths([demoDirectory], demoDirectory);
  const changes = await applyDocuments(
    db,
    ctx,
    documents,
    manifestRegistry(),
    { dryRun: false, prune: false },
    issues,
  );
  for (const m of modules) await m.seedDemo?.(db, ctx);
  const created = changes.filter((c) => c.action === "create").length;
  return `demo organisation ready: ${changes.length} objects (${created} new). Sign in as an admin to explore.`;
}
