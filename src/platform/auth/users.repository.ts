import type { Kysely, Selectable } from "kysely";
import type { Role } from "../context.ts";
import type { Tables } from "../db/tables.ts";
import type { UserTable } from "./auth.tables.ts";
import type { UserView } from "./users.schema.ts";

export type UserRow = Selectable<UserTable>;

export function presentUser(r: UserRow): UserView {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    displayName: r.display_name,
    role: r.role as Role,
    timeZone: r.time_zone,
    disabled: r.disabled === 1,
    hasPassword: r.password_hash !== null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** What the audit log keeps of a user: everything but the password hash. */
export function auditableUser(r: UserRow): Omit<UserView, "id" | "createdAt" | "updatedAt"> {
  const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = presentUser(r);
  return rest;
}

export function findUserByName(db: Kysely<Tables>, name: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("name", "=", name).executeTakeFirst();
}

export function findUserByEmail(db: Kysely<Tables>, email: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("email", "=", email.toLowerCase()).executeTakeFirst();
}

export function findUserById(db: Kysely<Tables>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Users by id, for modules that show who owns or reviewed something; unknown ids are left out. */
export async function findUsersByIds(db: Kysely<Tables>, ids: string[]): Promise<UserRow[]> {
  const unique = [...new Set(ids)];
  const rows: UserRow[] = [];
  // Bounded IN lists: SQLite and pg both cap bound parameters.
  for (let i = 0; i < unique.length; i += 500)
    rows.push(
      ...(await db
        .selectFrom("users")
        .selectAll()
        .where("id", "in", unique.slice(i, i + 500))
        .execute()),
    );
  return rows;
}

export function listUserRows(db: Kysely<Tables>, q: { search?: string; limit: number; offset: number }) {
  let query = db.selectFrom("users").selectAll();
  if (q.search) {
    const like = `%${q.search.toLowerCase()}%`;
    query = query.where((eb) =>
      eb.or([
        eb("name", "like", like),
        eb("email", "like", like),
        eb(eb.fn("lower", ["display_name"]), "like", like),
      ]),
    );
  }
  return query.orderBy("name").limit(q.limit).offset(q.offset).execute();
}

export async function countAdmins(db: Kysely<Tables>): Promise<number> {
  const r = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("role", "=", "admin")
    .where("disabled", "=", 0)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function countUsers(db: Kysely<Tables>): Promise<number> {
  const r = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Display names of the given user names that exist; other modules resolve references through this. */
export async function userDisplayNames(db: Kysely<Tables>, names: string[]): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  const rows = await db
    .selectFrom("users")
    .select(["name", "display_name"])
    .where("name", "in", names)
    .execute();
  return new Map(rows.map((u) => [u.name, u.display_name]));
}
