import { type Kysely, sql } from "kysely";
import { recordAudit } from "../audit/index.ts";
import { toIso } from "../clock.ts";
import type { ActionContext } from "../context.ts";
import type { Tables } from "../db/tables.ts";
import { NotFoundError } from "../errors.ts";

/** What every table of definitions stores beside its key: the normalized spec as JSON and when it changed. */
interface SpecColumns {
  spec_json: string;
  updated_at: string;
}

/** The tables that hold one spec per row: only these can back a store. */
export type SpecTableName = {
  [T in keyof Tables]: Tables[T] extends SpecColumns ? T : never;
}[keyof Tables];

/** A table's text columns, one of which is unique and names the row. */
type TextColumn<T extends SpecTableName> = {
  [C in keyof Tables[T]]: Tables[T][C] extends string ? C : never;
}[keyof Tables[T]] &
  string;

type Columns<T extends SpecTableName> = Partial<Tables[T]>;
type Hook = Promise<void> | void;

export interface SpecStoreOptions<Spec, T extends SpecTableName> {
  table: T;
  /** The unique column that holds the object's name (`name`, or `service` for a per-service policy). */
  key: TextColumn<T>;
  /** Audit actions are `<actionPrefix>.create`, `.update` and `.delete`. */
  actionPrefix: string;
  entityType: string;
  /** The NotFoundError message when a missing object is removed. */
  notFound: (name: string) => string;
  /** Columns kept beside the JSON so queries need not parse it; written on every put. */
  columns?: (spec: Spec) => Columns<T>;
  /** Columns only a new row gets: an id, created_at, a generated key. */
  insertColumns?: (now: Date) => Columns<T>;
  /** What a put sets off (a job, a cache flush): after the row is written, before the audit row. */
  afterPut?: (trx: Kysely<Tables>, ctx: ActionContext, name: string, spec: Spec) => Hook;
  /** What a removal sets off: after the row is deleted, before the audit row. */
  afterRemove?: (trx: Kysely<Tables>, ctx: ActionContext, name: string) => Hook;
}

/** The three operations a KindHandler of definitions needs, each audited in the caller's transaction. */
export interface SpecStore<Spec> {
  /** Every stored spec by name, in name order (what `current` of a kind returns). */
  all(db: Kysely<Tables>): Promise<Map<string, Spec>>;
  /** Inserts or updates; audited as create or update with the spec before and after. */
  put(trx: Kysely<Tables>, ctx: ActionContext, name: string, spec: Spec): Promise<void>;
  /** Deletes; NotFoundError when there is nothing to delete; audited with the spec before. */
  remove(trx: Kysely<Tables>, ctx: ActionContext, name: string): Promise<void>;
}

const assignments = (values: Record<string, unknown>) =>
  sql.join(Object.entries(values).map(([column, value]) => sql`${sql.ref(column)} = ${value}`));

/**
 * The put/remove/list of kinds whose table is (key, spec_json, updated_at, ...) and whose audit records the
 * spec before and after. The table name is a value here, which Kysely's query builder cannot type, so the
 * statements are `sql` templates over `SpecTableName`, whose rows are known to have these columns.
 */
export function specStore<Spec, T extends SpecTableName>(
  options: SpecStoreOptions<Spec, T>,
): SpecStore<Spec> {
  const { table, key, actionPrefix, entityType } = options;
  const action = (verb: "create" | "update" | "delete") => `${actionPrefix}.${verb}`;

  async function storedSpec(db: Kysely<Tables>, name: string): Promise<Spec | undefined> {
    const { rows } = await sql<SpecColumns>`
      select spec_json from ${sql.table(table)} where ${sql.ref(key)} = ${name}`.execute(db);
    return rows[0] ? (JSON.parse(rows[0].spec_json) as Spec) : undefined;
  }

  return {
    async all(db) {
      const { rows } = await sql<{ name: string; spec_json: string }>`
        select ${sql.ref(key)} as name, spec_json from ${sql.table(table)}
        order by ${sql.ref(key)}`.execute(db);
      return new Map(rows.map((r) => [r.name, JSON.parse(r.spec_json) as Spec]));
    },

    async put(trx, ctx, name, spec) {
      const at = ctx.clock.now();
      const before = await storedSpec(trx, name);
      const values = { ...options.columns?.(spec), spec_json: JSON.stringify(spec), updated_at: toIso(at) };
      if (before !== undefined)
        await sql`update ${sql.table(table)} set ${assignments(values)}
          where ${sql.ref(key)} = ${name}`.execute(trx);
      else {
        const row: Record<string, unknown> = { [key]: name, ...options.insertColumns?.(at), ...values };
        const columns = sql.join(Object.keys(row).map((c) => sql.ref(c)));
        await sql`insert into ${sql.table(table)} (${columns})
          values (${sql.join(Object.values(row))})`.execute(trx);
      }
      await options.afterPut?.(trx, ctx, name, spec);
      await recordAudit(trx, ctx, {
        action: action(before !== undefined ? "update" : "create"),
        entityType,
        entityId: name,
        before,
        after: spec,
      });
    },

    async remove(trx, ctx, name) {
      const before = await storedSpec(trx, name);
      if (before === undefined) throw new NotFoundError(options.notFound(name));
      await sql`delete from ${sql.table(table)} where ${sql.ref(key)} = ${name}`.execute(trx);
      await options.afterRemove?.(trx, ctx, name);
      await recordAudit(trx, ctx, { action: action("delete"), entityType, entityId: name, before });
    },
  };
}
