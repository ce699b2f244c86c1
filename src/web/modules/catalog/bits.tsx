import { Link } from "@tanstack/react-router";
import type { EntitySummary, Level } from "./types.ts";
import { isCatalogKind, kindLabels } from "./types.ts";

export const levelLabels: Record<Level | "none", string> = {
  gold: "Gold",
  silver: "Silver",
  bronze: "Bronze",
  none: "No level",
};

/** Tier 1 is the most critical; the badge colour says so before the number is read. */
export function TierBadge({ tier }: { tier: number | null }) {
  if (tier === null) return <span className="muted">—</span>;
  return <span className={`badge tier-badge tier-${tier}`}>Tier {tier}</span>;
}

export function LevelBadge({ level, large }: { level: Level | null; large?: boolean }) {
  const key = level ?? "none";
  return (
    <span className={`badge level-badge level-${key}${large ? " level-large" : ""}`}>{levelLabels[key]}</span>
  );
}

export function KindBadge({ kind }: { kind: string }) {
  return (
    <span className={`badge kind-badge kind-${kind}`}>
      {isCatalogKind(kind) ? kindLabels[kind].one : kind}
    </span>
  );
}

/**
 * A link to an entity's page. A reference to something not in the catalog is kept by the server (it
 * resolves once the entity arrives), so it is shown, marked, but leads nowhere.
 */
export function EntityLink(props: { kind: string; name: string; resolved?: boolean; label?: string }) {
  if (props.resolved === false) {
    return (
      <span className="unresolved-ref" title="Not in the catalog (yet): nothing is known about it">
        <span className="mono">
          {props.kind}:{props.name}
        </span>
        <span className="badge badge-warn">not in catalog</span>
      </span>
    );
  }
  return (
    <Link to="/catalog/$kind/$name" params={{ kind: props.kind, name: props.name }}>
      {props.label ?? props.name}
    </Link>
  );
}

/** Team owners link to their team page; user owners and unknown owners are shown as text. */
export function OwnerLink({ owner }: { owner: EntitySummary["owner"] }) {
  if (!owner) return <span className="muted">—</span>;
  const label = owner.displayName ?? owner.name;
  if (!owner.resolved) {
    return (
      <span className="unresolved-ref">
        <span className="mono">{owner.ref}</span>
        <span className="badge badge-warn">{owner.kind === "group" ? "unknown team" : "unknown user"}</span>
      </span>
    );
  }
  if (owner.kind === "group") {
    return (
      <Link to="/admin/teams/$name" params={{ name: owner.name }}>
        {label}
      </Link>
    );
  }
  return <span>{label}</span>;
}
