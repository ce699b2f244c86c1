import type { KindHandler } from "../../platform/manifests/kinds.ts";
import { type RunbookSpec, runbookSpec } from "./runbooks.schema.ts";
import { allRunbookSpecs, putRunbook, removeRunbook } from "./runbooks.service.ts";

/**
 * `kind: Runbook`: runbooks kept in git. Apply compares the whole spec, so the same document changes nothing;
 * a changed body or title becomes a new version, as an edit in the UI does.
 */
export const runbookKind: KindHandler<RunbookSpec> = {
  apiVersion: "opsdeck.dev/v1",
  kind: "Runbook",
  order: 80,
  spec: runbookSpec.transform((s) => ({
    ...s,
    services: [...new Set(s.services)].sort(),
  })) as unknown as KindHandler<RunbookSpec>["spec"],
  current: allRunbookSpecs,
  upsert: async (db, ctx, name, spec) => {
    await putRunbook(db, ctx, name, spec, "Applied from a manifest");
  },
  remove: removeRunbook,
};
