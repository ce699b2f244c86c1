import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { testEngines } from "../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../platform/testing/test-app.ts";

const bin = fileURLToPath(new URL("../../bin/opsdeck.js", import.meta.url));

/** Runs the real CLI as a user would, with its own environment. */
function opsdeck(
  args: string[],
  env: Record<string, string>,
  stdin = "",
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe("opsdeck CLI on the host database", () => {
  let dir: string;
  let env: Record<string, string>;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "opsdeck-cli-"));
    env = { OPSDECK_DATABASE_URL: `sqlite:${join(dir, "ops.db")}` };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("creates the first admin with the password from standard input, and a token as JSON", async () => {
    const user = await opsdeck(
      ["user", "create", "--email", "Root@Example.com", "--role", "admin", "--password-stdin"],
      env,
      "long-enough-password\n",
    );
    assert.equal(user.code, 0, user.stderr);
    assert.match(user.stdout, /created admin root <root@example.com>/);
    const token = await opsdeck(
      ["token", "create", "--email", "root@example.com", "--name", "ci", "--json"],
      env,
    );
    assert.equal(token.code, 0, token.stderr);
    assert.match(JSON.parse(token.stdout).token, /^odt_[A-Za-z0-9_-]{43}$/);
  });

  it("refuses a short password and says why", async () => {
    const r = await opsdeck(
      ["user", "create", "--email", "x@example.com", "--password-stdin"],
      env,
      "short\n",
    );
    assert.equal(r.code, 1);
    assert.match(r.stderr, /password: must be at least 12 characters/);
  });

  it("applies manifests with a dry run first", async () => {
    const file = join(dir, "team.yaml");
    writeFileSync(
      file,
      "apiVersion: opsdeck.dev/v1\nkind: Team\nmetadata: { name: sre }\nspec: { members: [root] }\n",
    );
    const dry = await opsdeck(["apply", "-f", file, "--dry-run", "--json"], env);
    assert.equal(dry.code, 0, dry.stderr);
    assert.equal(JSON.parse(dry.stdout).changes[0].action, "create");
    const real = await opsdeck(["apply", "-f", file], env);
    assert.match(real.stdout, /1 to create/);
    const shown = await opsdeck(["team", "show", "sre", "--json"], env);
    assert.deepEqual(JSON.parse(shown.stdout).members, [
      { name: "root", displayName: "root", resolved: true },
    ]);
  });

  it("reports a bad manifest with file, line and field, exit code 1", async () => {
    const file = join(dir, "bad.yaml");
    writeFileSync(
      file,
      "apiVersion: opsdeck.dev/v1\nkind: User\nmetadata: { name: z }\nspec:\n  email: nope\n",
    );
    const r = await opsdeck(["apply", "-f", file], env);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /bad\.yaml:5 document 1: spec\.email/);
  });

  it("names a file that does not exist, without a stack trace, exit code 1", async () => {
    const missing = join(dir, "no-such-dir");
    for (const args of [
      ["apply", "-f", missing, "--dry-run"],
      ["incidents", "import", join(missing, "history.csv")],
    ]) {
      const r = await opsdeck(args, env);
      assert.equal(r.code, 1, args.join(" "));
      assert.match(r.stderr, /^error: \S*no-such-dir\S*: no such file or directory\n$/);
    }
  });

  it("ends quietly when the reader closes the pipe early (opsdeck ... | head)", async () => {
    const child = spawn(process.execPath, [bin, "help"], { env });
    child.stdout.destroy(); // the reader is gone before the first write: that write gets EPIPE
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const code = await new Promise((resolve) => child.on("close", resolve));
    assert.equal(code, 0, stderr);
    assert.equal(stderr, "");
  });

  it("stops on a wrong configuration value, naming the variable", async () => {
    const r = await opsdeck(["user", "list"], { OPSDECK_DATABASE_URL: "mysql://nope" });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /OPSDECK_DATABASE_URL/);
  });

  it("answers an unknown command with the command list, exit code 2", async () => {
    const r = await opsdeck(["frobnicate"], env);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /token create/);
  });
});

for (const engine of testEngines()) {
  describe(`opsdeck CLI against a running server with --url (${engine.name})`, () => {
    let t: TestApp;
    let url: string;
    before(async () => {
      t = await startTestApp(engine);
      url = await t.app.listen({ host: "127.0.0.1", port: 0 });
    });
    after(() => t.close());

    it("lists teams through the API with OPSDECK_TOKEN", async () => {
      await t.app.inject({
        method: "POST",
        url: "/api/v1/teams",
        headers: t.as("manager"),
        payload: { name: "remote" },
      });
      const r = await opsdeck(["team", "list", "--url", url, "--json"], { OPSDECK_TOKEN: t.tokens.viewer });
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(
        JSON.parse(r.stdout).items.map((i: { name: string }) => i.name),
        ["remote"],
      );
    });

    it("applies through the API, refused for a viewer", async () => {
      const dir = mkdtempSync(join(tmpdir(), "opsdeck-cli-"));
      const file = join(dir, "t.yaml");
      writeFileSync(file, "apiVersion: opsdeck.dev/v1\nkind: Team\nmetadata: { name: applied-remotely }\n");
      const refused = await opsdeck(["apply", "-f", file, "--url", url], { OPSDECK_TOKEN: t.tokens.viewer });
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /403/);
      const ok = await opsdeck(["apply", "-f", file, "--url", url, "--json"], {
        OPSDECK_TOKEN: t.tokens.manager,
      });
      assert.equal(ok.code, 0, ok.stderr);
      assert.equal(JSON.parse(ok.stdout).changes[0].action, "create");
      rmSync(dir, { recursive: true, force: true });
    });
  });
}
