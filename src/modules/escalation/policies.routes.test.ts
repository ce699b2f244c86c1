import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Role } from "../../platform/context.ts";
import { testEngines } from "../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../platform/testing/test-app.ts";
import { doc } from "./escalation.fixture.ts";

// Policies through the API and `opsdeck apply`: targets that name nothing are refused with the field
// named, a service has one policy, and the catalog scorecard checks the policy's schedules for 14 days.

const schedule = (participants: string[], restrictions?: unknown[]) => ({
  timeZone: "Etc/UTC",
  layers: [
    { name: "main", start: "2026-10-26T00:00", rotation: { every: "1w" }, participants, restrictions },
  ],
});
const service = (name: string) =>
  doc("Service", name, { owner: "platform", tier: 2, runbooks: [{ url: "https://runbooks.example/x" }] });

for (const engine of testEngines()) {
  describe(`escalation policies API on ${engine.name}`, () => {
    let t: TestApp;
    const call = (role: Role, method: "GET" | "POST" | "PUT" | "DELETE", url: string, payload?: unknown) =>
      t.app.inject({
        method,
        url,
        headers: t.as(role),
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
    const paths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path);
    const apply = (...documents: string[]) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/apply",
        headers: { ...t.as("manager"), "content-type": "application/yaml" },
        payload: documents.join("---\n"),
      });

    before(async () => {
      t = await startTestApp(engine);
      const res = await apply(
        doc("Team", "platform", { members: ["responder1"] }),
        doc("Schedule", "always", schedule(["responder1"])),
        doc(
          "Schedule",
          "weekdays",
          schedule(
            ["responder1"],
            [{ days: ["mon", "tue", "wed", "thu", "fri"], from: "09:00", to: "17:00" }],
          ),
        ),
        service("checkout"),
        service("search"),
        service("billing"),
        doc("EscalationPolicy", "checkout", {
          services: ["checkout"],
          levels: [
            { targets: ["schedule:always"] },
            { afterMinutes: 10, targets: ["team:platform", "user:manager1"] },
          ],
        }),
        doc("EscalationPolicy", "search", {
          services: ["search"],
          levels: [{ targets: ["schedule:weekdays"] }],
        }),
      );
      assert.equal(res.statusCode, 200, res.body);
    });
    after(() => t.close());

    it("lists and shows policies to viewers, with the schedules they name", async () => {
      const res = await call("viewer", "GET", "/api/v1/escalation-policies");
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(
        res
          .json()
          .items.map((p: { name: string; services: string[]; schedules: string[] }) => [
            p.name,
            p.services,
            p.schedules,
          ]),
        [
          ["checkout", ["checkout"], ["always"]],
          ["search", ["search"], ["weekdays"]],
        ],
      );
      const one = await call("viewer", "GET", "/api/v1/escalation-policies/checkout");
      assert.deepEqual(one.json().levels[1], {
        afterMinutes: 10,
        targets: ["team:platform", "user:manager1"],
      });
      assert.equal((await call("viewer", "GET", "/api/v1/escalation-policies/nope")).statusCode, 404);
    });

    it("creates, replaces and deletes as a manager, and refuses responders", async () => {
      const body = { name: "billing", services: ["billing"], levels: [{ targets: ["user:admin1"] }] };
      assert.equal((await call("responder", "POST", "/api/v1/escalation-policies", body)).statusCode, 403);
      const created = await call("manager", "POST", "/api/v1/escalation-policies", body);
      assert.equal(created.statusCode, 201, created.body);
      assert.equal((await call("manager", "POST", "/api/v1/escalation-policies", body)).statusCode, 409);
      const replaced = await call("manager", "PUT", "/api/v1/escalation-policies/billing", {
        services: ["billing"],
        levels: [{ targets: ["user:admin1"] }, { afterMinutes: 0.5, targets: ["user:manager1"] }],
        repeat: 2,
        repeatAfterMinutes: 15,
      });
      assert.equal(replaced.statusCode, 200, replaced.body);
      assert.equal(replaced.json().levels[1].afterMinutes, 0.5);
      assert.equal((await call("manager", "DELETE", "/api/v1/escalation-policies/billing")).statusCode, 204);
      assert.equal((await call("manager", "DELETE", "/api/v1/escalation-policies/billing")).statusCode, 404);
    });

    it("refuses targets that do not exist, naming the field, through the API and apply", async () => {
      const res = await call("manager", "POST", "/api/v1/escalation-policies", {
        name: "broken",
        levels: [
          { targets: ["user:admin1"] },
          { targets: ["schedule:always", "user:nobody", "team:ghosts", "schedule:nope"] },
        ],
      });
      assert.equal(res.statusCode, 400, res.body);
      assert.deepEqual(paths(res.json()), ["levels.1.targets.1", "levels.1.targets.2", "levels.1.targets.3"]);
      assert.match(res.json().detail, /levels\.1\.targets\.1: no user named 'nobody'/);
      const applied = await apply(
        doc("EscalationPolicy", "broken", { levels: [{ targets: ["user:admin1", "team:ghosts"] }] }),
      );
      assert.equal(applied.statusCode, 400, applied.body);
      assert.match(applied.json().detail, /spec\.levels\.0\.targets\.1: no team named 'ghosts'/);
      // Declared in the same apply, they exist.
      const together = await apply(
        doc("User", "newbie", { email: "newbie@example.com", role: "responder" }),
        doc("EscalationPolicy", "fresh", { levels: [{ targets: ["user:newbie"] }] }),
      );
      assert.equal(together.statusCode, 200, together.body);
    });

    it("refuses malformed specs and a service another policy escalates, naming the field", async () => {
      const bad = await call("manager", "POST", "/api/v1/escalation-policies", {
        name: "bad",
        levels: [{ afterMinutes: -1, targets: ["pager:alice"] }],
        repeat: 1,
      });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.deepEqual(paths(bad.json()).sort(), [
        "levels.0.afterMinutes",
        "levels.0.targets.0",
        "repeatAfterMinutes",
      ]);
      const taken = await call("manager", "POST", "/api/v1/escalation-policies", {
        name: "thief",
        services: ["billing", "checkout"],
        levels: [{ targets: ["user:admin1"] }],
      });
      assert.equal(taken.statusCode, 400, taken.body);
      assert.deepEqual(paths(taken.json()), ["services.1"]);
      // Moving a service between policies in one apply is fine; ending with two claims is not.
      const moved = await apply(
        doc("EscalationPolicy", "checkout", { services: [], levels: [{ targets: ["schedule:always"] }] }),
        doc("EscalationPolicy", "checkout-v2", {
          services: ["checkout"],
          levels: [{ targets: ["schedule:always"] }],
        }),
      );
      assert.equal(moved.statusCode, 200, moved.body);
      const twice = await apply(
        doc("EscalationPolicy", "again", { services: ["checkout"], levels: [{ targets: ["user:admin1"] }] }),
      );
      assert.equal(twice.statusCode, 400, twice.body);
      assert.match(
        twice.json().detail,
        /spec\.services\.0: service checkout is escalated by policy checkout-v2/,
      );
    });

    it("keeps one default policy", async () => {
      const first = await call("manager", "POST", "/api/v1/escalation-policies", {
        name: "catch-all",
        default: true,
        levels: [{ targets: ["user:admin1"] }],
      });
      assert.equal(first.statusCode, 201, first.body);
      const second = await call("manager", "POST", "/api/v1/escalation-policies", {
        name: "catch-more",
        default: true,
        levels: [{ targets: ["user:admin1"] }],
      });
      assert.equal(second.statusCode, 400, second.body);
      assert.deepEqual(paths(second.json()), ["default"]);
      assert.equal(
        (await call("manager", "DELETE", "/api/v1/escalation-policies/catch-all")).statusCode,
        204,
      );
    });

    it("scores services: a policy whose schedules cover the next 14 days passes, gaps and no policy fail", async () => {
      const check = async (name: string) => {
        const res = await call("viewer", "GET", `/api/v1/catalog/service/${name}`);
        assert.equal(res.statusCode, 200, res.body);
        const checks = res.json().scorecard.checks as { id: string; status: string; detail: string | null }[];
        return checks.find((c) => c.id === "oncall.schedule-covers-14d");
      };
      assert.equal((await check("checkout"))?.status, "pass");
      const search = await check("search");
      assert.equal(search?.status, "fail");
      assert.match(String(search?.detail), /^weekdays has nobody on call 2026-11-02T17:00:00.000Z to /);
      assert.deepEqual(await check("billing"), {
        id: "oncall.schedule-covers-14d",
        level: "silver",
        title: "Escalation policy's schedules have no gaps in the next 14 days",
        status: "fail",
        detail: "no escalation policy",
      });
    });
  });
}
