import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { z } from "zod";
import { recordAudit } from "../../platform/audit/index.ts";
import { type Clock, toIso } from "../../platform/clock.ts";
import type { ActionContext } from "../../platform/context.ts";
import type { Database } from "../../platform/db/database.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { ConflictError, NotFoundError } from "../../platform/errors.ts";
import { newId, newSecret } from "../../platform/ids.ts";
import type { KindHandler } from "../../platform/manifests/kinds.ts";
import { specStore } from "../../platform/manifests/spec-store.ts";
import {
  type IntegrationDetail,
  type IntegrationSpec,
  type IntegrationSummary,
  type IntegrationType,
  integrationSpec,
} from "./integrations.schema.ts";
import { type CompiledIntegration, compileIntegration } from "./routing.ts";

export const hashKey = (key: string) => createHash("sha256").update(key).digest("hex");

/**
 * Intake looks keys up in a per-process cache for at most `keyCacheMs`: without it every alert would cost a
 * database round trip before its write on PostgreSQL. Changes made in this process clear the cache at once;
 * on other instances a deleted or rotated key keeps working, and a changed routing rule takes effect, within
 * `keyCacheMs` (documented in docs/alerts.md). Unknown keys are cached too, so a sender with a wrong key
 * cannot turn each request into a query; the size cap bounds what a flood of random keys can hold.
 */
export const keyCacheMs = 5_000;
const cacheCap = 10_000;
const cache = new Map<string, { integration: CompiledIntegration | null; until: number }>();

export function forgetIntegrationKeys(): void {
  cache.clear();
}

/** The integration a Bearer key belongs to, or null. */
export async function integrationForKey(
  db: Database,
  clock: Clock,
  key: string,
): Promise<CompiledIntegration | null> {
  const hash = hashKey(key);
  const now = clock.now().getTime();
  const hit = cache.get(hash);
  if (hit && hit.until > now) return hit.integration;
  const row = await db.read
    .selectFrom("alert_integrations")
    .select(["id", "name", "spec_json"])
    .where("key_hash", "=", hash)
    .executeTakeFirst();
  if (cache.size >= cacheCap) cache.clear();
  const integration = row ? compileIntegration(row) : null;
  cache.set(hash, { integration, until: now + keyCacheMs });
  return integration;
}

/**
 * For kinds that alert through an integration (heartbeats, SLOs, budgets, anomaly policies): the one they
 * name must exist, stored or in the same apply, or it could never alert. `field` prefixes the message.
 */
export async function integrationIssues(
  db: Kysely<Tables>,
  integration: string | null | undefined,
  incoming: Map<string, Map<string, unknown>>,
  field?: string,
): Promise<string[]> {
  if (!integration || incoming.get("Integration")?.has(integration)) return [];
  const stored = await db
    .selectFrom("alert_integrations")
    .select("id")
    .where("name", "=", integration)
    .executeTakeFirst();
  if (stored) return [];
  return [`${field ? `${field}: ` : ""}no integration named '${integration}'`];
}

/** Where each type of integration receives: the URL to paste into the sender's configuration. */
export function intakeUrl(baseUrl: string, name: string, type: IntegrationType): string {
  const path = {
    alertmanager: "alertmanager",
    grafana: "grafana",
    pagerduty: "pagerduty",
    webhook: "webhook",
  }[type];
  return `${baseUrl}/api/v1/integrations/${encodeURIComponent(name)}/${path}`;
}

function findRow(db: Kysely<Tables>, name: string) {
  return db.selectFrom("alert_integrations").selectAll().where("name", "=", name).executeTakeFirst();
}

/**
 * Integrations as stored. A new one gets its key here, and the key is never audited (only the spec is);
 * every change clears this process's key cache at once.
 */
const integrations = specStore<IntegrationSpec, "alert_integrations">({
  table: "alert_integrations",
  key: "name",
  actionPrefix: "integration",
  entityType: "integration",
  notFound: (name) => `no integration named '${name}'`,
  columns: (spec) => ({ type: spec.type }),
  insertColumns(now) {
    const secret = newSecret("odi_");
    return { id: newId(now), secret, key_hash: hashKey(secret), created_at: toIso(now) };
  },
  afterPut: forgetIntegrationKeys,
  afterRemove: forgetIntegrationKeys,
});

export async function createIntegration(
  db: Database,
  ctx: ActionContext,
  name: string,
  spec: IntegrationSpec,
) {
  await db.write(async (trx) => {
    if (await findRow(trx, name)) throw new ConflictError(`an integration named '${name}' exists`);
    await integrations.put(trx, ctx, name, spec);
  });
}

export async function replaceIntegration(
  db: Database,
  ctx: ActionContext,
  name: string,
  spec: IntegrationSpec,
) {
  await db.write(async (trx) => {
    if (!(await findRow(trx, name))) throw new NotFoundError(`no integration named '${name}'`);
    await integrations.put(trx, ctx, name, spec);
  });
}

export async function deleteIntegration(db: Database, ctx: ActionContext, name: string) {
  await db.write((trx) => integrations.remove(trx, ctx, name));
}

/** Replaces the key: the old one stops working here at once and on other instances within keyCacheMs. */
export async function rotateIntegrationKey(db: Database, ctx: ActionContext, name: string) {
  await db.write(async (trx) => {
    const existing = await findRow(trx, name);
    if (!existing) throw new NotFoundError(`no integration named '${name}'`);
    const secret = newSecret("odi_");
    await trx
      .updateTable("alert_integrations")
      .set({ secret, key_hash: hashKey(secret), updated_at: toIso(ctx.clock.now()) })
      .where("id", "=", existing.id)
      .execute();
    forgetIntegrationKeys();
    await recordAudit(trx, ctx, {
      action: "integration.rotate_key",
      entityType: "integration",
      entityId: name,
    });
  });
}

type Row = NonNullable<Awaited<ReturnType<typeof findRow>>>;

function summary(baseUrl: string, r: Row): IntegrationSummary {
  const spec = JSON.parse(r.spec_json) as IntegrationSpec;
  return {
    name: r.name,
    type: spec.type,
    description: spec.description,
    service: spec.service,
    url: intakeUrl(baseUrl, r.name, spec.type),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function listIntegrations(db: Database, baseUrl: string): Promise<IntegrationSummary[]> {
  const rows = await db.read.selectFrom("alert_integrations").selectAll().orderBy("name").execute();
  return rows.map((r) => summary(baseUrl, r));
}

export async function getIntegration(
  db: Database,
  baseUrl: string,
  name: string,
): Promise<IntegrationDetail> {
  const row = await findRow(db.read, name);
  if (!row) throw new NotFoundError(`no integration named '${name}'`);
  return { ...summary(baseUrl, row), key: row.secret, spec: JSON.parse(row.spec_json) as IntegrationSpec };
}

/** `kind: Integration`: applied after services (it names one), before heartbeats (they name it). */
export const integrationKind: KindHandler<IntegrationSpec> = {
  apiVersion: "opsdeck.dev/v1",
  kind: "Integration",
  order: 60,
  spec: integrationSpec as unknown as z.ZodType<IntegrationSpec>,
  current: integrations.all,
  upsert: integrations.put,
  remove: integrations.remove,
};
