import { z } from "zod";

/** One audit row as the API shows it (also the web UI's type). */
export const auditEntryView = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ type: z.string(), id: z.string().nullable(), label: z.string() }),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
});

export type AuditEntry = z.output<typeof auditEntryView>;
