import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps, ZodApp } from "../../platform/modules.ts";
import { importIncidentHistory } from "./history-import.ts";

const importResult = z.object({
  imported: z.number(),
  skipped: z
    .number()
    .describe("rows left out: already imported, or repeated in the file (same service, title and trigger)"),
  numbers: z.object({ first: z.number(), last: z.number() }).nullable(),
});

/** 10 MiB of CSV is some 50,000 incidents: years of history for most teams. */
const csvBodyLimit = 10 * 1024 * 1024;

/** `POST /api/v1/incidents/import` with a `text/csv` body; in its own scope for the CSV body parser. */
export function historyImportRoutes(app: ZodApp, { db }: AppDeps): void {
  void app.register(async (scope: FastifyInstance) => {
    const r = scope.withTypeProvider<ZodTypeProvider>();
    r.addContentTypeParser(
      ["text/csv", "application/csv"],
      { parseAs: "string", bodyLimit: csvBodyLimit },
      (_req, body, done) => done(null, body),
    );
    r.post(
      "/api/v1/incidents/import",
      {
        config: { permission: { role: "manager" } },
        bodyLimit: csvBodyLimit,
        schema: {
          tags: ["incidents"],
          description:
            "Imports incident history from CSV (columns title,service,severity,triggeredAt,acknowledgedAt,resolvedAt), all or nothing; imported incidents never page.",
          body: z.string().describe("text/csv"),
          response: { 201: importResult },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await importIncidentHistory(db, request.actionContext(), request.body)),
    );
  });
}
