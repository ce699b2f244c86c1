import type { z } from "zod";
import type { KindHandler } from "../../platform/manifests/kinds.ts";
import { integrationIssues } from "../alerts/index.ts";
import { type SloSpec, sloSpec } from "./slo.schema.ts";
import { allSloSpecs, putSlo, removeSlo } from "./slo.service.ts";

/** `kind: SLO` (opsdeck.dev/v1); OpenSLO documents are translated into it (openslo/translate.ts). */
export const sloKind: KindHandler<SloSpec> = {
  apiVersion: "opsdeck.dev/v1",
  kind: "SLO",
  // After services (catalog) and integrations (alerts), so both can arrive in the same apply.
  order: 70,
  spec: sloSpec as unknown as z.ZodType<SloSpec>,
  reservedNames: {
    rules:
      "GET /api/v1/slos/rules serves the Prometheus rules of every SLO, so its detail page could not be reached",
  },
  current: allSloSpecs,
  upsert: (db, ctx, name, spec) => putSlo(db, ctx, name, spec),
  remove: removeSlo,
  /** An SLO alerting through an integration that exists nowhere would page nobody: refused up front. */
  validate: (db, _name, spec, incoming) =>
    integrationIssues(db, spec.alerting.integration, incoming, "spec.alerting.integration"),
};
