import type { KindHandler } from "../../platform/manifests/kinds.ts";
import { type TeamSpec, teamSpec } from "./teams.schema.ts";
import { allTeamSpecs, putTeam, removeTeam } from "./teams.service.ts";

/** `kind: Team`: members are user names; a name that is not (yet) a user is kept and shown unresolved. */
export const teamKind: KindHandler<TeamSpec> = {
  apiVersion: "opsdeck.dev/v1",
  kind: "Team",
  order: 20,
  spec: teamSpec.transform((s) => ({
    ...s,
    members: [...new Set(s.members)].sort(),
  })) as unknown as KindHandler<TeamSpec>["spec"],
  current: allTeamSpecs,
  upsert: (db, ctx, name, spec) => putTeam(db, ctx, name, spec),
  remove: removeTeam,
};
