import { findUserByName } from "../../platform/auth/index.ts";
import { addMs, toIso } from "../../platform/clock.ts";
import type { ActionContext, Role } from "../../platform/context.ts";
import type { Database } from "../../platform/db/database.ts";
import { listIncidents } from "../incidents/index.ts";
import { createActionItem } from "./action-items.service.ts";
import { changePostmortemStatus } from "./postmortem-status.service.ts";
import { createPostmortem, reviewPostmortem, setReviewers, updatePostmortem } from "./postmortems.service.ts";

const day = 86_400_000;

/**
 * Postmortems for the demo's resolved incidents: the replication-lag one published (reviewed by alice, with
 * an overdue action item), the certificate one still a draft. Runbooks come from `demo/60-runbooks.yaml`.
 * Runs once: with any postmortem present it changes nothing.
 */
export async function seedPostmortemsDemo(db: Database, ctx: ActionContext): Promise<void> {
  if (await db.read.selectFrom("postmortems").select("id").limit(1).executeTakeFirst()) return;
  const resolved = await listIncidents(db, { status: "resolved", limit: 100, offset: 0 });
  const lag = resolved.find((i) => i.title.includes("PostgresReplicationLag"));
  const cert = resolved.find((i) => i.title.includes("CertificateExpiringSoon"));
  const as = async (name: string, role: Role): Promise<ActionContext> => {
    const user = await findUserByName(db.read, name);
    return { ...ctx, actor: user ? { type: "user", id: user.id, name, role } : ctx.actor };
  };
  const date = (days: number) => toIso(addMs(ctx.clock.now(), days * day)).slice(0, 10);
  if (lag) {
    const carol = await as("carol", "responder");
    const pm = await createPostmortem(db, carol, lag.id, {
      sections: {
        summary:
          "Replica **pg-main-2** fell 94 s behind the primary for 38 minutes. Reads routed to it served stale order states.",
        rootCause:
          "The nightly `VACUUM` of the `events` table overlapped the base backup; together they saturated the replica volume's IOPS, so WAL replay stalled.",
        contributingFactors:
          "- The backup window moved to 02:00 last month without checking the maintenance calendar.\n- Replica volumes have a third of the primary's provisioned IOPS.",
        whatWentWell:
          "- The alert fired within a minute.\n- The runbook's checks found the cause in 9 minutes.",
      },
    });
    await createActionItem(db, carol, pm.id, {
      title: "Alert on replica volume IOPS above 90% for 10 minutes",
      owner: "carol",
      dueDate: date(-3),
      priority: "P2",
      status: "open",
    });
    await createActionItem(db, carol, pm.id, {
      title: "Give replica volumes the same provisioned IOPS as the primary",
      owner: "erin",
      dueDate: date(10),
      priority: "P3",
      status: "in_progress",
      externalUrl: "https://tracker.northwind.example/DATA-412",
    });
    await createActionItem(db, carol, pm.id, {
      title: "Move the VACUUM window to 03:00",
      owner: "carol",
      dueDate: date(-2),
      priority: "P1",
      status: "done",
    });
    await setReviewers(db, carol, pm.id, ["alice"]);
    await changePostmortemStatus(db, carol, pm.id, "in_review");
    await reviewPostmortem(db, await as("alice", "manager"), pm.id, {
      decision: "approved",
      comment: "Clear and actionable.",
    });
    await changePostmortemStatus(db, carol, pm.id, "published");
  }
  if (cert) {
    const dave = await as("dave", "responder");
    const pm = await createPostmortem(db, dave, cert.id);
    await updatePostmortem(db, dave, pm.id, {
      sections: {
        ...pm.sections,
        summary: "cert-manager did not renew `api.northwind.example`; we noticed 6 days before expiry.",
      },
    });
    await createActionItem(db, dave, pm.id, {
      title: "Find out why the ACME solver failed",
      priority: "P2",
      status: "open",
    });
  }
}
