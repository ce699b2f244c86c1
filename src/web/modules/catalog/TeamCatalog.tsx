import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { EmptyState, Panel, QueryState } from "../../ui/Page.tsx";
import { LevelBadge, levelLabels, TierBadge } from "./bits.tsx";
import { formatDuration } from "./format.ts";
import { teamScorecardQuery, teamServicesQuery } from "./queries.ts";
import type { TeamScorecard } from "./types.ts";
import "./catalog.css";
import "./entity.css";

function ServicesPanel({ team, scorecard }: { team: string; scorecard: TeamScorecard | undefined }) {
  const services = useQuery(teamServicesQuery(team));
  const levelOf = new Map(scorecard?.entities.map((e) => [e.name.toLowerCase(), e.scorecard.level]));
  const items = services.data?.items ?? [];
  return (
    <Panel title={services.data ? `Services (${services.data.total})` : "Services"}>
      <QueryState isPending={services.isPending} error={services.error}>
        {items.length === 0 ? (
          <EmptyState>This team owns no services. Set owner: {team} in a service's manifest.</EmptyState>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Service</th>
                  <th scope="col">Tier</th>
                  <th scope="col">Lifecycle</th>
                  <th scope="col">RTO</th>
                  <th scope="col">RPO</th>
                  <th scope="col">Readiness</th>
                </tr>
              </thead>
              <tbody>
                {items.map((s) => (
                  <tr key={s.ref}>
                    <td>
                      <Link to="/catalog/$kind/$name" params={{ kind: s.kind, name: s.name }}>
                        {s.displayName}
                      </Link>
                    </td>
                    <td>
                      <TierBadge tier={s.tier} />
                    </td>
                    <td>{s.lifecycle ?? "—"}</td>
                    <td>{formatDuration(s.rto)}</td>
                    <td>{formatDuration(s.rpo)}</td>
                    <td>
                      {scorecard ? <LevelBadge level={levelOf.get(s.name.toLowerCase()) ?? null} /> : "…"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {services.data && services.data.total > items.length ? (
          <p className="muted small">
            Showing {items.length} of {services.data.total}.{" "}
            <Link to="/catalog" search={{ owner: team }}>
              See all in the catalog
            </Link>
          </p>
        ) : null}
      </QueryState>
    </Panel>
  );
}

/** How ready the team's services are: services per level, and how many pass each check. */
function ScorecardPanel({ scorecard }: { scorecard: TeamScorecard }) {
  const total = scorecard.entities.length;
  return (
    <Panel title="Readiness scorecard">
      <div className="level-counts">
        {(["gold", "silver", "bronze"] as const).map((l) => (
          <span key={l}>
            <LevelBadge level={l} /> {scorecard.levels[l]}
          </span>
        ))}
        <span>
          <LevelBadge level={null} /> {scorecard.levels.none}
        </span>
      </div>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">Level</th>
              <th scope="col">Passing</th>
              <th scope="col">Failing</th>
            </tr>
          </thead>
          <tbody>
            {scorecard.checks.map((c) => {
              const applicable = c.passed + c.failed;
              return (
                <tr key={c.id}>
                  <td>
                    {c.title} <span className="mono muted small">{c.id}</span>
                  </td>
                  <td>
                    {c.level in levelLabels ? levelLabels[c.level as keyof typeof levelLabels] : c.level}
                  </td>
                  <td className="nowrap">
                    <meter className="meter" min={0} max={Math.max(applicable, 1)} value={c.passed} />
                    {c.passed} of {applicable}
                    {c.notApplicable > 0 ? (
                      <span className="muted small"> ({c.notApplicable} n/a)</span>
                    ) : null}
                  </td>
                  <td className={c.failed > 0 ? "count-failing" : "muted"}>{c.failed}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {total === 0 ? <p className="muted small">No scorecard applies to what this team owns.</p> : null}
    </Panel>
  );
}

/** The catalog's part of a team page: its services and their readiness. */
export function TeamCatalog({ team }: { team: string }) {
  const scorecard = useQuery(teamScorecardQuery(team));
  return (
    <>
      {scorecard.data ? <ScorecardPanel scorecard={scorecard.data} /> : null}
      <ServicesPanel team={team} scorecard={scorecard.data} />
      {scorecard.error ? (
        <Panel title="Readiness scorecard">
          <QueryState isPending={false} error={scorecard.error}>
            {null}
          </QueryState>
        </Panel>
      ) : null}
    </>
  );
}
