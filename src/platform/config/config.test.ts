import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError, loadConfig } from "./config.ts";

describe("configuration from the environment", () => {
  it("has working defaults for a laptop", () => {
    const c = loadConfig({});
    assert.equal(c.databaseUrl, "sqlite:data/opsdeck.db");
    assert.equal(c.port, 8080);
    assert.equal(c.baseUrl, "http://127.0.0.1:8080");
    assert.equal(c.sqliteSynchronous, "FULL");
    assert.ok(Object.isFrozen(c));
  });

  it("accepts PostgreSQL URLs and a base URL without its trailing slash", () => {
    const c = loadConfig({
      OPSDECK_DATABASE_URL: "postgres://ops@db:5432/opsdeck",
      OPSDECK_BASE_URL: "https://ops.example.com/",
    });
    assert.equal(c.databaseUrl, "postgres://ops@db:5432/opsdeck");
    assert.equal(c.baseUrl, "https://ops.example.com");
  });

  const wrong: [string, string, RegExp][] = [
    ["OPSDECK_DATABASE_URL", "mysql://x", /sqlite:PATH or postgres:\/\//],
    ["OPSDECK_PORT", "abc", /integer from 0 to 65535/],
    ["OPSDECK_PORT", "70000", /integer from 0 to 65535/],
    ["OPSDECK_BASE_URL", "ops.example.com", /absolute http\(s\) URL/],
    ["OPSDECK_LOG_LEVEL", "loud", /fatal \| error/],
    ["OPSDECK_SQLITE_SYNCHRONOUS", "OFF", /FULL/],
  ];
  for (const [name, value, form] of wrong) {
    it(`stops on ${name}=${value}, naming the variable and the expected form`, () => {
      assert.throws(
        () => loadConfig({ [name]: value }),
        (e: unknown) => e instanceof ConfigError && e.message.includes(name) && form.test(e.message),
      );
    });
  }
});
