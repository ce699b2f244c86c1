import { registerReadinessCheck } from "./scorecards.ts";

/** The catalog's own readiness checks (issue 3). Other modules add theirs through the module index. */
const isService = (e: { kind: string }) => e.kind === "service";

registerReadinessCheck({
  id: "catalog.has-owner",
  level: "bronze",
  title: "Has an owner that exists",
  appliesTo: isService,
  check: ({ entity }) => {
    if (!entity.owner) return { pass: false, detail: "no owner set" };
    if (!entity.owner.resolved) return { pass: false, detail: `owner ${entity.owner.ref} does not exist` };
    return { pass: true };
  },
});

registerReadinessCheck({
  id: "catalog.tier-set",
  level: "bronze",
  title: "Tier set",
  appliesTo: isService,
  check: ({ entity }) => (entity.tier ? { pass: true } : { pass: false, detail: "no tier (1-4) set" }),
});

registerReadinessCheck({
  id: "catalog.has-runbook",
  level: "silver",
  title: "Has a runbook link",
  appliesTo: isService,
  check: ({ entity }) =>
    entity.runbooks.length > 0 ? { pass: true } : { pass: false, detail: "no runbook link in spec.runbooks" },
});

registerReadinessCheck({
  id: "catalog.owner-team-has-members",
  level: "silver",
  title: "Owner team has members",
  appliesTo: isService,
  check: ({ entity, ownerTeam }) => {
    if (entity.owner?.kind === "user") return { pass: false, detail: "owned by one person, not a team" };
    if (!ownerTeam) return { pass: false, detail: "no owner team" };
    const people = ownerTeam.members.filter((m) => m.resolved).length;
    return people > 0
      ? { pass: true }
      : { pass: false, detail: `team ${ownerTeam.name} has no members who are users` };
  },
});

registerReadinessCheck({
  id: "catalog.rto-rpo-set",
  level: "gold",
  title: "RTO and RPO set (tier 1-2)",
  appliesTo: (e) => isService(e) && e.tier !== null && e.tier <= 2,
  check: ({ entity }) => {
    const missing = [entity.rto ? "" : "rto", entity.rpo ? "" : "rpo"].filter(Boolean);
    return missing.length === 0
      ? { pass: true }
      : { pass: false, detail: `missing ${missing.join(" and ")}` };
  },
});
