import { Panel } from "../../ui/Page.tsx";
import { LevelBadge, levelLabels } from "./bits.tsx";
import type { CheckResult, ScorecardView } from "./types.ts";

const statusText: Record<CheckResult["status"], string> = {
  pass: "Passed",
  fail: "Failed",
  "not-applicable": "Does not apply",
};

const statusMark: Record<CheckResult["status"], string> = { pass: "✓", fail: "✗", "not-applicable": "–" };

/**
 * The readiness scorecard: the level reached, what keeps it from the next one, and every check with its
 * reason. A level needs every check of that level and the ones below, so checks are grouped by level.
 */
export function ScorecardPanel({ scorecard }: { scorecard: ScorecardView }) {
  const byLevel = (["bronze", "silver", "gold"] as const).map((level) => ({
    level,
    checks: scorecard.checks.filter((c) => c.level === level),
  }));
  const missing = scorecard.checks.filter((c) => scorecard.missing.includes(c.id));
  return (
    <Panel title="Readiness scorecard" className="scorecard">
      <div className="scorecard-summary">
        <LevelBadge level={scorecard.level} large />
        <p className="muted">
          {scorecard.nextLevel
            ? `${levelLabels[scorecard.nextLevel]} needs: ${missing.map((c) => c.title).join("; ")}.`
            : "Every check passes."}
        </p>
      </div>
      {byLevel
        .filter((g) => g.checks.length > 0)
        .map((g) => (
          <div key={g.level} className="check-group">
            <h3>{levelLabels[g.level]}</h3>
            <ul className="check-list">
              {g.checks.map((c) => (
                <li key={c.id} className={`check check-${c.status}`} data-check={c.id} data-status={c.status}>
                  <span className="check-mark" aria-hidden="true">
                    {statusMark[c.status]}
                  </span>
                  <span>
                    <span className="check-title">{c.title}</span>
                    {c.detail ? <span className="check-detail">{c.detail}</span> : null}
                  </span>
                  <span className="check-status small">{statusText[c.status]}</span>
                </li>
              ))}
            </ul>
          </div>
        ))}
    </Panel>
  );
}
