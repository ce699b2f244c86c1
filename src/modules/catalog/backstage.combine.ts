import type { SourcedDocument } from "../../platform/manifests/kinds.ts";

type Raw = Record<string, unknown>;

/**
 * Backstage states team membership on either side (Group.spec.members, User.spec.memberOf) and the team
 * tree on either side (Group.spec.parent, Group.spec.children). opsdeck's Team holds both, so after every
 * document of an apply is translated this step:
 * - merges Users that share an email (the same person under two namespaces): the first one stays;
 * - adds each User to the Teams its memberOf names (Teams of the same apply; a Group that is not in the
 *   apply is left alone: its Team would lose the members other users declared);
 * - gives a Team without its own parent the Group that lists it in `children`;
 * - drops the working fields (`memberOf`, `children`) so each spec fits its kind.
 * Pure: it returns new documents.
 */
export function combineBackstage(docs: SourcedDocument[]): SourcedDocument[] {
  const teams = new Map<string, Raw>();
  const out: SourcedDocument[] = [];
  const byEmail = new Map<string, string>();
  const alias = new Map<string, string>();
  const memberships: { user: string; teams: string[] }[] = [];
  for (const d of docs) {
    const spec = { ...(d.spec as Raw) };
    if (d.kind === "Team") {
      teams.set(d.name, spec);
      out.push({ ...d, spec });
    } else if (d.kind === "User") {
      const email = String(spec.email).toLowerCase();
      const first = byEmail.get(email);
      const memberOf = (spec.memberOf as string[] | undefined) ?? [];
      delete spec.memberOf;
      if (first && first !== d.name) {
        alias.set(d.name, first);
        memberships.push({ user: first, teams: memberOf });
        continue;
      }
      byEmail.set(email, d.name);
      memberships.push({ user: d.name, teams: memberOf });
      out.push({ ...d, spec });
    } else out.push(d);
  }
  for (const { user, teams: names } of memberships) {
    for (const t of names) {
      const team = teams.get(t);
      if (team) team.members = [...new Set([...((team.members as string[]) ?? []), user])];
    }
  }
  for (const [name, team] of teams) {
    team.members = [...new Set(((team.members as string[]) ?? []).map((m) => alias.get(m) ?? m))].sort();
    for (const child of (team.children as string[]) ?? []) {
      const c = teams.get(child);
      if (c && c.parent === undefined && child !== name) c.parent = name;
    }
  }
  for (const team of teams.values()) delete team.children;
  return out;
}
