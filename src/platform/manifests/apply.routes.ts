import { z } from "zod";
import { InputError } from "../errors.ts";
import type { AppDeps, ZodApp } from "../modules.ts";
import { applyDocuments, type Registry } from "./apply.ts";
import { parseManifestText } from "./load.ts";

const change = z.object({
  action: z.enum(["create", "update", "unchanged", "delete"]),
  kind: z.string(),
  name: z.string(),
  file: z.string().nullable(),
  document: z.number().nullable(),
  fields: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })).optional(),
});

export function applyRoutes(app: ZodApp, deps: AppDeps, registry: () => Registry): void {
  app.post(
    "/api/v1/apply",
    {
      config: { permission: { role: "manager" } },
      schema: {
        tags: ["manifests"],
        description:
          "Applies a YAML stream of manifests (Content-Type: application/yaml) in one transaction. dryRun=true only shows the diff.",
        querystring: z
          .object({
            dryRun: z.enum(["true", "false"]).default("false"),
            prune: z.enum(["true", "false"]).default("false"),
            file: z.string().max(300).default("request"),
          })
          .strict(),
        body: z.string(),
        response: { 200: z.object({ dryRun: z.boolean(), changes: z.array(change) }) },
      },
    },
    async (request) => {
      if (typeof request.body !== "string" || request.body.trim() === "") {
        throw new InputError("send manifests as a YAML body with Content-Type: application/yaml", [
          { path: "body", message: "empty or not YAML text" },
        ]);
      }
      const { documents, issues } = parseManifestText(request.body, request.query.file);
      const dryRun = request.query.dryRun === "true";
      const changes = await applyDocuments(
        deps.db,
        request.actionContext(),
        documents,
        registry(),
        {
          dryRun,
          prune: request.query.prune === "true",
        },
        issues,
      );
      return { dryRun, changes };
    },
  );
}
