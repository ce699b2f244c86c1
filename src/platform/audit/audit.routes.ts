import { z } from "zod";
import type { AppDeps, ZodApp } from "../modules.ts";
import { isoInstant } from "../schema-common.ts";
import { auditEntryView as entry } from "./audit.schema.ts";
import { listAudit } from "./audit.ts";

/** Read-only by design: there is no route that changes or deletes audit rows. */
export function auditRoutes(app: ZodApp, deps: AppDeps): void {
  app.get(
    "/api/v1/audit",
    {
      config: { permission: { role: "manager" } },
      schema: {
        tags: ["audit"],
        querystring: z
          .object({
            actor: z.string().max(320).optional(),
            entityType: z.string().max(100).optional(),
            entityId: z.string().max(300).optional(),
            from: isoInstant.optional(),
            to: isoInstant.optional(),
            before: z.string().max(100).optional(),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(entry), nextBefore: z.string().nullable() }) },
      },
    },
    async (request) => {
      const q = request.query;
      const items = await listAudit(deps.db.read, {
        ...q,
        from: q.from ? new Date(q.from).toISOString() : undefined,
        to: q.to ? new Date(q.to).toISOString() : undefined,
      });
      return { items, nextBefore: items.length === q.limit ? (items.at(-1)?.id ?? null) : null };
    },
  );
}
