import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type TestDatabase, testEngines } from "../../platform/testing/databases.ts";
import { startTestApp } from "../../platform/testing/test-app.ts";
import { applyOk, scheduleDoc, userDocs } from "./oncall.fixture.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));

// The example schedule (America/New_York over the 2026-11-01 fall back), applied and read by the CLI.
const example = {
  timeZone: "America/New_York",
  team: "platform",
  layers: [
    {
      name: "weekly",
      start: "2026-10-26T09:00",
      rotation: { every: "1w" },
      participants: ["alice", "bob", "carol"],
    },
    {
      name: "weekend-nights",
      start: "2026-10-31T02:30",
      rotation: { every: "1d" },
      participants: ["dave", "erin"],
      restrictions: [{ days: ["sat", "sun"], from: "00:00", to: "06:00" }],
    },
  ],
  overrides: [{ user: "frank", start: "2026-11-04T12:00:00Z", end: "2026-11-04T15:30:00Z" }],
};

for (const engine of testEngines()) {
  describe(`opsdeck oncall and schedule CLI on ${engine.name}`, () => {
    let database: TestDatabase;
    let dir: string;
    const cli = (...args: string[]) => {
      const r = spawnSync(process.execPath, ["bin/opsdeck.js", ...args], {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? "",
          OPSDECK_LOG_LEVEL: "silent",
          OPSDECK_DATABASE_URL: database.url,
        },
        encoding: "utf8",
      });
      return { code: r.status, out: r.stdout, err: r.stderr };
    };
    // Against a server in this process the CLI must run asynchronously: spawnSync would block the server.
    const remote = async (token: string, ...args: string[]) => {
      const env = { PATH: process.env.PATH ?? "", OPSDECK_LOG_LEVEL: "silent", OPSDECK_TOKEN: token };
      try {
        const r = await promisify(execFile)(process.execPath, ["bin/opsdeck.js", ...args], {
          cwd: root,
          env,
        });
        return { code: 0, out: r.stdout, err: r.stderr };
      } catch (error) {
        const e = error as { code: number; stdout: string; stderr: string };
        return { code: e.code, out: e.stdout, err: e.stderr };
      }
    };
    before(async () => {
      database = await engine.create();
      dir = mkdtempSync(join(tmpdir(), "opsdeck-oncall-"));
      const file = join(dir, "oncall.yaml");
      writeFileSync(
        file,
        [
          userDocs(["alice", "bob", "carol", "dave", "erin", "frank"]),
          scheduleDoc("platform-primary", example),
        ].join("---\n"),
      );
      const applied = cli("apply", "-f", file);
      assert.equal(applied.code, 0, applied.err);
    });
    after(async () => {
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    it("opsdeck oncall answers for an instant, as text and as JSON", () => {
      const text = cli("oncall", "platform-primary", "--at", "2026-11-01T07:30:00Z");
      assert.equal(text.code, 0, text.err);
      assert.equal(text.out, "erin\n");
      const json = cli("oncall", "platform-primary", "--at", "2026-11-04T13:00:00Z", "--json");
      assert.deepEqual(JSON.parse(json.out), { user: "frank" });
      const nobody = cli("oncall", "platform-primary", "--at", "2026-10-01T00:00:00Z", "--json");
      assert.deepEqual(JSON.parse(nobody.out), { user: null });
    });

    it("opsdeck schedule shifts prints merged, clipped shifts in UTC", () => {
      const r = cli(
        "schedule",
        "shifts",
        "platform-primary",
        "--from",
        "2026-11-01T00:00:00Z",
        "--to",
        "2026-11-03T00:00:00Z",
        "--json",
      );
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(JSON.parse(r.out), {
        shifts: [
          { user: "alice", start: "2026-11-01T00:00:00.000Z", end: "2026-11-01T04:00:00.000Z" },
          { user: "dave", start: "2026-11-01T04:00:00.000Z", end: "2026-11-01T07:30:00.000Z" },
          { user: "erin", start: "2026-11-01T07:30:00.000Z", end: "2026-11-01T11:00:00.000Z" },
          { user: "alice", start: "2026-11-01T11:00:00.000Z", end: "2026-11-02T14:00:00.000Z" },
          { user: "bob", start: "2026-11-02T14:00:00.000Z", end: "2026-11-03T00:00:00.000Z" },
        ],
      });
      const table = cli(
        "schedule",
        "shifts",
        "platform-primary",
        "--from",
        "2026-11-01T00:00:00Z",
        "--to",
        "2026-11-02T00:00:00Z",
      );
      assert.match(table.out, /^USER\s+START\s+END\s+HOURS\n/);
      assert.match(table.out, /erin\s+2026-11-01T07:30:00.000Z\s+2026-11-01T11:00:00.000Z\s+3.5\n/);
    });

    it("opsdeck schedule list shows who is on call now", () => {
      const r = cli("schedule", "list", "--json");
      assert.equal(r.code, 0, r.err);
      const [s] = JSON.parse(r.out).items;
      assert.equal(s.name, "platform-primary");
      assert.equal(s.team, "platform");
      const table = cli("schedule", "list", "--team", "platform");
      assert.match(table.out, /^NAME\s+TEAM\s+ONCALLNOW\s+PARTICIPANTS\n/);
      assert.match(table.out, /platform-primary\s+platform\s+\S+\s+alice, bob, carol, dave, erin\n/);
    });

    it("refuses bad input naming the option, and unknown schedules", () => {
      const badAt = cli("oncall", "platform-primary", "--at", "noon");
      assert.equal(badAt.code, 1);
      assert.match(badAt.err, /at: /);
      const reversed = cli(
        "schedule",
        "shifts",
        "platform-primary",
        "--from",
        "2026-11-02T00:00:00Z",
        "--to",
        "2026-11-01T00:00:00Z",
      );
      assert.equal(reversed.code, 1);
      assert.match(reversed.err, /to must be after from/);
      const missing = cli("schedule", "shifts", "platform-primary", "--from", "2026-11-02T00:00:00Z");
      assert.equal(missing.code, 2);
      assert.match(missing.err, /--to is required/);
      const unknown = cli("oncall", "nope");
      assert.equal(unknown.code, 1);
      assert.match(unknown.err, /no schedule named 'nope'/);
    });

    it("--url asks a running server instead, with OPSDECK_TOKEN", async () => {
      const t = await startTestApp(engine);
      try {
        await applyOk(
          t,
          userDocs(["alice", "bob", "carol", "dave", "erin", "frank"]),
          scheduleDoc("remote", example),
        );
        const base = await t.app.listen({ port: 0, host: "127.0.0.1" });
        const token = t.tokens.viewer;
        const at = await remote(
          token,
          "oncall",
          "remote",
          "--at",
          "2026-11-04T13:00:00Z",
          "--json",
          "--url",
          base,
        );
        assert.equal(at.code, 0, at.err);
        assert.deepEqual(JSON.parse(at.out), { user: "frank" });
        const shifts = await remote(
          token,
          "schedule",
          "shifts",
          "remote",
          "--from",
          "2026-11-04T12:00:00Z",
          "--to",
          "2026-11-04T13:00:00Z",
          "--json",
          "--url",
          base,
        );
        assert.deepEqual(JSON.parse(shifts.out), {
          shifts: [{ user: "frank", start: "2026-11-04T12:00:00.000Z", end: "2026-11-04T13:00:00.000Z" }],
        });
        const list = await remote(token, "schedule", "list", "--team", "platform", "--json", "--url", base);
        assert.deepEqual(
          JSON.parse(list.out).items.map((s: { name: string }) => s.name),
          ["remote"],
        );
        const tooLong = await remote(
          token,
          "schedule",
          "shifts",
          "remote",
          "--from",
          "2026-01-01T00:00:00Z",
          "--to",
          "2028-01-01T00:00:00Z",
          "--url",
          base,
        );
        assert.equal(tooLong.code, 1);
        assert.match(tooLong.err, /400 Invalid input: to must be at most 400 days after from/);
      } finally {
        await t.close();
      }
    });
  });
}
