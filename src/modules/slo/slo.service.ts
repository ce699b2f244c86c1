import type { Kysely } from "kysely";
import { recordAudit } from "../../platform/audit/index.ts";
import { toIso } from "../../platform/clock.ts";
import type { ActionContext } from "../../platform/context.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { NotFoundError } from "../../platform/errors.ts";
import { newId } from "../../platform/ids.ts";
import { enqueueEvaluation } from "./evaluate.job.ts";
import type { SloDefinition } from "./model.ts";
import { ensurePrometheusEvaluation } from "./prometheus/index.ts";
import { findSlo } from "./slo.repository.ts";
import type { SloSpec } from "./slo.schema.ts";

/** Creates or replaces an SLO (the `kind: SLO` handler's upsert); stored counts are kept. */
export async function putSlo(
  trx: Kysely<Tables>,
  ctx: ActionContext,
  name: string,
  spec: SloSpec,
  source = "opsdeck.dev/v1",
): Promise<void> {
  const now = toIso(ctx.clock.now());
  const existing = await findSlo(trx, name);
  const def: SloDefinition = { name, ...spec };
  const values = { service: spec.service, source, spec_json: JSON.stringify(def), updated_at: now };
  if (existing) await trx.updateTable("slos").set(values).where("id", "=", existing.id).execute();
  else
    await trx
      .insertInto("slos")
      .values({
        id: newId(ctx.clock.now()),
        name,
        last_pushed_minute: null,
        page_since: null,
        ticket_since: null,
        created_at: now,
        ...values,
      })
      .execute();
  // The evaluation job reschedules itself every minute; an SLO is what starts the chain.
  await enqueueEvaluation(trx, ctx.clock);
  if (spec.indicator.kind === "prometheus") await ensurePrometheusEvaluation(trx, ctx.clock);
  await recordAudit(trx, ctx, {
    action: existing ? "slo.update" : "slo.create",
    entityType: "slo",
    entityId: name,
    before: existing?.def,
    after: def,
  });
}

export async function removeSlo(trx: Kysely<Tables>, ctx: ActionContext, name: string): Promise<void> {
  const existing = await findSlo(trx, name);
  if (!existing) throw new NotFoundError(`no SLO named '${name}'`);
  // Its alerts, days and minute blocks go with it (foreign keys on delete cascade).
  await trx.deleteFrom("slos").where("id", "=", existing.id).execute();
  await recordAudit(trx, ctx, {
    action: "slo.delete",
    entityType: "slo",
    entityId: name,
    before: existing.def,
  });
}

/** Every SLO's spec, as the kind handler compares them (the name lives in metadata). */
export async function allSloSpecs(db: Kysely<Tables>): Promise<Map<string, SloSpec>> {
  const rows = await db.selectFrom("slos").select(["name", "spec_json"]).execute();
  return new Map(
    rows.map((r) => {
      const { name: _name, ...spec } = JSON.parse(r.spec_json) as SloDefinition;
      return [r.name, spec];
    }),
  );
}
