import { type CliCommand, printJson, printTable, remoteCall, stringOption, withDatabase } from "../cli.ts";
import { type AuditEntry, listAudit } from "./audit.ts";

export const auditCommands: CliCommand[] = [
  {
    name: "audit",
    summary: "show the audit log, newest first",
    usage: "opsdeck audit [--actor A] [--entity-type T] [--entity-id ID] [--limit N] [--json] [--url URL]",
    options: {
      actor: { type: "string" },
      "entity-type": { type: "string" },
      "entity-id": { type: "string" },
      limit: { type: "string", default: "50" },
      json: { type: "boolean", default: false },
      url: { type: "string" },
    },
    async run(args) {
      const q = {
        actor: stringOption(args, "actor", false) || undefined,
        entityType: stringOption(args, "entity-type", false) || undefined,
        entityId: stringOption(args, "entity-id", false) || undefined,
        limit: Math.min(1000, Math.max(1, Number(stringOption(args, "limit")) || 50)),
      };
      const url = stringOption(args, "url", false);
      let items: AuditEntry[];
      if (url) {
        const params = new URLSearchParams(
          Object.entries(q)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]): [string, string] => [k, String(v)]),
        );
        items = ((await remoteCall(url, "GET", `/api/v1/audit?${params}`)) as { items: AuditEntry[] }).items;
      } else {
        items = await withDatabase((db) => listAudit(db.read, q));
      }
      if (args.values.json) printJson({ items });
      else
        printTable(
          items.map((i) => ({ ...i, actor: i.actor.label, entity: `${i.entityType}/${i.entityId}` })),
          ["at", "actor", "action", "entity", "requestId"],
        );
    },
  },
];
