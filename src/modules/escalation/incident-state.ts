import type { Kysely } from "kysely";
import type { Clock } from "../../platform/clock.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { IncidentWork } from "../incidents/index.ts";

/** What escalation needs to know about an incident at the moment it acts. */
export interface IncidentFacts {
  id: string;
  number: number;
  title: string;
  severity: string;
  status: string;
  service: string | null;
  mergedInto: string | null;
}

/**
 * Reads an incident inside the caller's transaction. On PostgreSQL this locks its row until commit (the
 * incidents module's IncidentWork does), so an acknowledgement and an escalation step of one incident
 * queue behind each other: a step either commits before the acknowledgement or sees it.
 */
export async function lockIncident(
  trx: Kysely<Tables>,
  clock: Clock,
  id: string,
): Promise<IncidentFacts | undefined> {
  const work = new IncidentWork(trx, clock);
  await work.load({ ids: [id] });
  const row = work.get(id);
  return (
    row && {
      id: row.id,
      number: Number(row.number),
      title: row.title,
      severity: row.severity,
      status: row.status,
      service: row.service,
      mergedInto: row.merged_into,
    }
  );
}

/** Only a triggered incident that was not merged away is escalated. */
export const escalates = (i: IncidentFacts) => i.status === "triggered" && i.mergedInto === null;
