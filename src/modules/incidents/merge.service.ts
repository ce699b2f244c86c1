import { recordAudit } from "../../platform/audit/index.ts";
import { type ActionContext, actorLabel } from "../../platform/context.ts";
import type { Database } from "../../platform/db/database.ts";
import { ConflictError, InputError, NotFoundError } from "../../platform/errors.ts";
import { moreSevere, type Severity } from "./incident.ts";
import { type IncidentRow, resolveIncidentRef } from "./incidents.repository.ts";
import type { IncidentDetail } from "./incidents.schema.ts";
import { getIncident } from "./incidents.views.ts";
import { IncidentWork } from "./incidents.work.ts";

/**
 * Merges `sourceRef` into `targetRef`: the source resolves (its escalation stops on `incident.resolved`),
 * points at the target, and hands over its alert counts, services and links; alerts that resolve later
 * count on the target. Both timelines record the merge.
 */
export async function mergeIncident(
  db: Database,
  ctx: ActionContext,
  sourceRef: string,
  targetRef: string,
): Promise<IncidentDetail> {
  const targetId = await db.write(async (trx) => {
    const sourceId = await resolveIncidentRef(trx, sourceRef);
    const intoId = await resolveIncidentRef(trx, targetRef);
    if (!sourceId) throw new NotFoundError(`no incident '${sourceRef}'`);
    if (!intoId) throw new NotFoundError(`no incident '${targetRef}'`);
    const work = new IncidentWork(trx, ctx.clock);
    await work.load({ ids: [sourceId, intoId] });
    const source = work.get(sourceId) as IncidentRow;
    const target = work.target(intoId) as IncidentRow;
    if (source.merged_into) throw new ConflictError(`incident #${source.number} was already merged`);
    if (source.id === target.id) throw new InputError("an incident cannot be merged into itself");
    if (target.status === "resolved")
      throw new ConflictError(`incident #${target.number} is resolved; merge into an open incident`);
    const actor = actorLabel(ctx.actor);
    work.setStatus(source.id, "resolved", actor, `Merged into #${target.number}`);
    // The target takes over the source's counts: its alerts resolving later count there.
    target.alert_count += source.alert_count;
    target.open_alert_count += source.open_alert_count;
    target.severity = moreSevere(target.severity as Severity, source.severity as Severity);
    source.open_alert_count = 0;
    source.merged_into = target.id;
    work.touch(target);
    work.touch(source);
    work.entry(source.id, "merge", actor, `Merged into #${target.number}`, { into: target.id });
    work.entry(target.id, "merge", actor, `#${source.number} merged into this incident: ${source.title}`, {
      from: source.id,
    });
    work.event(source.id, "incident.merged", { into: target.id, intoNumber: target.number });
    work.event(target.id, "incident.updated", { changed: ["merge"], from: source.id });
    const services = await trx
      .selectFrom("incident_services")
      .select("service")
      .where("incident_id", "=", source.id)
      .execute();
    if (services.length > 0)
      await trx
        .insertInto("incident_services")
        .values(services.map((s) => ({ incident_id: target.id, service: s.service })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    const links = await trx
      .selectFrom("incident_links")
      .selectAll()
      .where("incident_id", "=", source.id)
      .execute();
    if (links.length > 0)
      await trx
        .insertInto("incident_links")
        .values(links.map((l) => ({ ...l, incident_id: target.id })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    await work.flush();
    await recordAudit(trx, ctx, {
      action: "incident.merge",
      entityType: "incident",
      entityId: source.id,
      after: { into: target.id },
    });
    return target.id;
  });
  return getIncident(db, targetId);
}
