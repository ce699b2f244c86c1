import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { testEngines } from "../../platform/testing/databases.ts";
import { doc, type EscalationWorld, startEscalationWorld } from "./escalation.fixture.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));

for (const engine of testEngines()) {
  describe(`opsdeck escalation CLI on ${engine.name}`, () => {
    let w: EscalationWorld;
    let incident: { id: string; number: number };
    const cli = (...args: string[]) => {
      const r = spawnSync(process.execPath, ["bin/opsdeck.js", ...args], {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? "",
          OPSDECK_LOG_LEVEL: "silent",
          OPSDECK_DATABASE_URL: w.t.database.url,
        },
        encoding: "utf8",
      });
      return { code: r.status, out: r.stdout, err: r.stderr };
    };
    before(async () => {
      w = await startEscalationWorld(engine);
      await w.users("alice");
      await w.apply(
        doc("EscalationPolicy", "web", {
          services: ["web", "api"],
          levels: [{ targets: ["user:alice"] }, { afterMinutes: 5, targets: ["user:alice"] }],
        }),
      );
      incident = await w.declare("Checkout errors", ["web"]);
      await w.drain();
    });
    after(() => w.close());

    it("lists and shows policies", () => {
      const list = cli("escalation", "list");
      assert.equal(list.code, 0, list.err);
      assert.match(list.out, /^NAME\s+SERVICES\s+LEVELS\s+REPEAT\s+SCHEDULES$/m);
      assert.match(list.out, /^web\s+web, api\s+2\s+0/m);
      const show = cli("escalation", "show", "web", "--json");
      assert.equal(show.code, 0, show.err);
      assert.deepEqual(JSON.parse(show.out).levels[1], { afterMinutes: 5, targets: ["user:alice"] });
      const missing = cli("escalation", "show", "nope");
      assert.equal(missing.code, 1);
      assert.match(missing.err, /no escalation policy named 'nope'/);
    });

    it("shows an incident's escalation, locally and through a server's API", async () => {
      const local = cli("escalation", "status", String(incident.number));
      assert.equal(local.code, 0, local.err);
      assert.match(local.out, /^active \(policy web\); next step 2026-11-02T09:05:00.000Z$/m);
      assert.match(
        local.out,
        /^1\s+0\s+0\s+done\s+2026-11-02T09:00:00.000Z\s+2026-11-02T09:00:00.000Z\s+alice$/m,
      );
      await w.t.app.listen({ port: 0, host: "127.0.0.1" });
      const address = w.t.app.server.address() as { port: number };
      const r = await promisify(execFile)(
        process.execPath,
        [
          "bin/opsdeck.js",
          "escalation",
          "status",
          incident.id,
          "--json",
          "--url",
          `http://127.0.0.1:${address.port}`,
        ],
        { cwd: root, env: { PATH: process.env.PATH ?? "", OPSDECK_TOKEN: w.t.tokens.viewer } },
      );
      assert.equal(JSON.parse(r.stdout).steps.length, 2);
    });
  });
}
