import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  checkTransition,
  isTrackerUrl,
  postmortemStatuses,
  publishBlockers,
  templateSections,
} from "./postmortem.ts";
import { lineDiff } from "./runbooks.diff.ts";
import { matchReasons } from "./runbooks.match.ts";

describe("postmortem state machine", () => {
  const approved = [{ name: "ann", decision: "approved" }];
  const pending = [
    { name: "ann", decision: "approved" },
    { name: "bob", decision: "pending" },
  ];
  const responder = { isManager: false };
  const manager = { isManager: true };

  it("allows exactly these moves for a responder", () => {
    const allowed: string[] = [];
    for (const from of postmortemStatuses)
      for (const to of postmortemStatuses)
        if (checkTransition(from, to, responder, approved).ok) allowed.push(`${from}->${to}`);
    assert.deepEqual(allowed, ["draft->in_review", "in_review->draft", "in_review->published"]);
  });

  it("lets a manager publish a draft and reopen a published postmortem, but never re-review a published one", () => {
    assert.ok(checkTransition("draft", "published", manager, pending).ok);
    assert.ok(checkTransition("published", "draft", manager, []).ok);
    assert.equal(checkTransition("published", "in_review", manager, []).ok, false);
  });

  it("names the reviewers a responder still waits for", () => {
    const verdict = checkTransition("in_review", "published", responder, pending);
    assert.deepEqual(verdict, {
      ok: false,
      message: "waiting for approval from bob (or a manager publishes)",
    });
    assert.ok(
      checkTransition("in_review", "published", responder, []).ok,
      "no reviewers, nothing to wait for",
    );
  });
});

describe("publish guard", () => {
  it("names each wanted item without an owner or a due date, and skips won't-do items", () => {
    const blockers = publishBlockers([
      { position: 0, title: "A", ownerUserId: "u", dueDate: "2026-12-01", status: "open" },
      { position: 1, title: "B", ownerUserId: null, dueDate: "2026-12-01", status: "open" },
      { position: 2, title: "C", ownerUserId: null, dueDate: null, status: "in_progress" },
      { position: 3, title: "D", ownerUserId: null, dueDate: null, status: "wont_do" },
    ]);
    assert.deepEqual(blockers, [
      { path: "actionItems[1]", message: "action item 'B' needs an owner" },
      { path: "actionItems[2]", message: "action item 'C' needs an owner and a due date" },
    ]);
  });

  it("accepts only http and https tracker links", () => {
    assert.ok(isTrackerUrl("https://jira.example/browse/OPS-1"));
    assert.ok(isTrackerUrl("http://tracker.local/1"));
    for (const bad of ["javascript:alert(1)", "data:text/html,x", "ftp://x/y", "/relative", ""])
      assert.equal(isTrackerUrl(bad), false, bad);
  });
});

describe("template", () => {
  it("fills the timeline from the incident, escaping Markdown and HTML in it", () => {
    const s = templateSections({
      number: 7,
      title: "DB down",
      severity: "SEV1",
      services: ["db"],
      createdAt: "2026-11-02T09:00:00.000Z",
      acknowledgedAt: null,
      resolvedAt: "2026-11-02T10:00:00.000Z",
      summary: "",
      timeline: [
        {
          at: "2026-11-02T09:00:00.000Z",
          actor: "alice",
          text: "Ran <script>x</script> [link](javascript:y)",
        },
      ],
    });
    assert.equal(
      s.timeline,
      "- 2026-11-02 09:00:00 UTC alice: Ran \\<script\\>x\\</script\\> \\[link\\](javascript:y)",
    );
    assert.match(s.impact, /Severity: SEV1\n- Services: db/);
    assert.match(s.summary, /incident #7 \(DB down\)/);
  });
});

describe("runbook matching and diff", () => {
  const runbook = {
    services: ["payments-api"],
    match: ['alertname=~"Postgres.*"', '{severity="critical", team="data"}'],
  };

  it("matches by linked service and by matcher sets on any alert's labels", () => {
    assert.deepEqual(matchReasons(runbook, { services: ["Payments-API"], alerts: [] }), [
      "service:payments-api",
    ]);
    assert.deepEqual(
      matchReasons(runbook, {
        services: [],
        alerts: [{ title: "Lag", labels: { alertname: "PostgresLag" } }],
      }),
      ['alert:Lag matches alertname=~"Postgres.*"'],
    );
    assert.deepEqual(
      matchReasons(runbook, { services: [], alerts: [{ title: "X", labels: { severity: "critical" } }] }),
      [],
      "every matcher of a set must hold",
    );
    assert.deepEqual(
      matchReasons({ services: [], match: [] }, { services: ["x"], alerts: [{ title: "a", labels: {} }] }),
      [],
    );
  });

  it("diffs lines both ways", () => {
    const d = lineDiff("rb", { version: 1, body: "a\nb\nc" }, { version: 2, body: "a\nB\nc\nd\n" });
    assert.deepEqual(
      d.parts.map((p) => [p.kind, p.lines]),
      [
        ["same", ["a"]],
        ["removed", ["b"]],
        ["added", ["B"]],
        ["same", ["c"]],
        ["added", ["d"]],
      ],
    );
    assert.equal(d.added, 2);
    assert.equal(d.removed, 1);
    assert.match(d.unified, /--- rb@v1\n\+\+\+ rb@v2/);
  });
});
