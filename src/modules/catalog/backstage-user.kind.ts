import { z } from "zod";
import { findUserByName, userKind } from "../../platform/auth/index.ts";
import type { KindHandler } from "../../platform/manifests/kinds.ts";

const spec = z
  .object({
    email: z.email().transform((e) => e.toLowerCase()),
    displayName: z.string().min(1).max(200).optional(),
  })
  .strict();
type BackstageUserSpec = z.output<typeof spec>;

/**
 * A Backstage User applied as an opsdeck user. Backstage knows nothing of opsdeck roles, so a new user
 * starts as a viewer in UTC and an existing user keeps the role and time zone opsdeck gave them: importing
 * a Backstage org never demotes an admin. Everything else is the platform's User kind.
 */
export const backstageUserKind: KindHandler<BackstageUserSpec> = {
  apiVersion: "backstage.io/v1alpha1",
  kind: "User",
  order: 11,
  spec,
  async current(db) {
    const all = (await userKind.current(db)) as Map<string, { email: string; displayName?: string }>;
    return new Map(
      [...all].map(([name, u]) => [
        name,
        { email: u.email, ...(u.displayName ? { displayName: u.displayName } : {}) },
      ]),
    );
  },
  async upsert(db, ctx, name, s, existed) {
    const existing = await findUserByName(db, name);
    const role = (existing?.role ?? "viewer") as "viewer";
    await userKind.upsert(db, ctx, name, { ...s, role, timeZone: existing?.time_zone ?? "UTC" }, existed);
  },
  remove: (db, ctx, name) => userKind.remove(db, ctx, name),
};
