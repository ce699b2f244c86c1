import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { listAudit } from "../../platform/audit/index.ts";
import { InputError } from "../../platform/errors.ts";
import { testEngines } from "../../platform/testing/databases.ts";
import type { TestApp } from "../../platform/testing/test-app.ts";
import { importCsv, startKpiWorld } from "../kpis/kpis.fixture.ts";
import { parseCsv } from "./history-import.csv.ts";
import { importIncidentHistory } from "./history-import.ts";

const header = "title,service,severity,triggeredAt,acknowledgedAt,resolvedAt";

describe("CSV parser (RFC 4180)", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, and CRLF records", () => {
    const records = parseCsv('a,b\r\n"x, ""y""","line1\nline2"\r\nplain,\n');
    assert.deepEqual(records, [
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ['x, "y"', "line1\nline2"] },
      { line: 4, fields: ["plain", ""] },
    ]);
  });
  it("refuses an unclosed quote, naming the line it opened on", () => {
    assert.throws(() => parseCsv('a\n"open\nnever closed'), /never closed/);
  });
});

for (const engine of testEngines()) {
  describe(`incident history import on ${engine.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startKpiWorld(engine);
    });
    after(() => t.close());
    const count = async () =>
      Number(
        (
          await t.database.db.read
            .selectFrom("incidents")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );

    it("refuses the whole file and names each bad row and column", async () => {
      const csv = [
        header,
        '"Checkout down, again",checkout,SEV1,2026-10-01T10:00:00Z,2026-10-01T10:01:00Z,2026-10-01T10:10:00Z',
        "Ghost,no-such-service,SEV2,2026-10-02T10:00:00Z,,",
        "Loud,gateway,SEV9,2026-10-03T10:00:00Z,,",
        "Backwards,gateway,SEV2,2026-10-04T10:00:00Z,,2026-10-04T09:00:00Z",
        "Early ack,checkout,P2,2026-10-05T10:00:00Z,2026-10-05T09:59:00Z,",
        "Local time,checkout,SEV3,2026-10-06 10:00,,",
      ].join("\n");
      const res = await importCsv(t, csv);
      assert.equal(res.statusCode, 400, res.body);
      const errors = (res.json().errors as { path: string; message: string }[]).map(
        (e) => `${e.path}: ${e.message}`,
      );
      assert.ok(
        errors.some((e) => /^row 3, column service: unknown service 'no-such-service'/.test(e)),
        errors.join("\n"),
      );
      assert.ok(
        errors.some((e) => /^row 4, column severity: 'SEV9' is not a severity/.test(e)),
        errors.join("\n"),
      );
      assert.ok(
        errors.some((e) => e === "row 5, column resolvedAt: is before triggeredAt"),
        errors.join("\n"),
      );
      assert.ok(
        errors.some((e) => e === "row 6, column acknowledgedAt: is before triggeredAt"),
        errors.join("\n"),
      );
      assert.ok(
        errors.some((e) => /^row 7, column triggeredAt: .* not an ISO 8601 instant/.test(e)),
        errors.join("\n"),
      );
      assert.equal(errors.length, 5, "row 2 is fine and not reported");
      assert.equal(await count(), 0, "nothing was imported");
    });

    it("only managers import", async () => {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/incidents/import",
        headers: { ...t.as("responder"), "content-type": "text/csv" },
        payload: `${header}\nX,checkout,SEV1,2026-10-01T10:00:00Z,,\n`,
      });
      assert.equal(res.statusCode, 403);
    });

    it("imports numbered incidents with historical timelines and statuses, publishing nothing that pages", async () => {
      const db = t.database.db.read;
      const eventsBefore = await db.selectFrom("domain_events").select("id").execute();
      const jobsBefore = await db.selectFrom("jobs").select("id").execute();
      const csv = [
        header,
        '"Checkout down, again",checkout,SEV1,2026-10-01T10:00:00Z,2026-10-01T10:01:00Z,2026-10-01T10:10:00Z',
        "Slow gateway,GATEWAY,major,2026-10-02T10:00:00+02:00,2026-10-02T08:05:00Z,",
        "Still open,gateway,SEV3,2026-10-03T10:00:00Z,,",
      ].join("\r\n");
      const res = await importCsv(t, csv);
      assert.equal(res.statusCode, 201, res.body);
      assert.deepEqual(res.json(), { imported: 3, skipped: 0, numbers: { first: 1, last: 3 } });

      const first = await t.app.inject({
        method: "GET",
        url: "/api/v1/incidents/1",
        headers: t.as("viewer"),
      });
      const i1 = first.json();
      assert.equal(i1.title, "Checkout down, again");
      assert.equal(i1.status, "resolved");
      assert.equal(i1.createdAt, "2026-10-01T10:00:00.000Z");
      assert.equal(i1.resolvedAt, "2026-10-01T10:10:00.000Z");
      const timeline = (
        await t.app.inject({ method: "GET", url: "/api/v1/incidents/1/timeline", headers: t.as("viewer") })
      ).json();
      assert.deepEqual(
        timeline.items.map((e: { at: string; kind: string }) => [e.at, e.kind]),
        [
          ["2026-10-01T10:00:00.000Z", "incident.triggered"],
          ["2026-10-01T10:01:00.000Z", "incident.acknowledged"],
          ["2026-10-01T10:10:00.000Z", "incident.resolved"],
        ],
      );
      const i2 = (
        await t.app.inject({ method: "GET", url: "/api/v1/incidents/2", headers: t.as("viewer") })
      ).json();
      assert.equal(i2.status, "acknowledged");
      assert.equal(i2.severity, "SEV2", "PagerDuty's `major` maps to SEV2");
      assert.deepEqual(i2.services, ["gateway"], "the service is stored as the catalog spells it");
      assert.equal(i2.createdAt, "2026-10-02T08:00:00.000Z", "the offset is honoured");
      const rows = await t.database.db.read.selectFrom("incidents").select(["source"]).execute();
      assert.deepEqual(
        rows.map((r) => r.source),
        ["import", "import", "import"],
      );

      // Nothing pages: no domain event (escalation starts on incident.triggered), no job, no message.
      assert.deepEqual(await db.selectFrom("domain_events").select("id").execute(), eventsBefore);
      assert.deepEqual(await db.selectFrom("jobs").select("id").execute(), jobsBefore);
      const messages = await db.selectFrom("notify_messages").select("id").execute();
      assert.deepEqual(messages, []);

      const audit = await listAudit(t.database.db.read, { entityType: "incident", limit: 10 });
      assert.equal(audit[0]?.action, "incident.import");
    });

    it("leaves out rows an earlier import brought in, so importing an export again does not double the history", async () => {
      const rows = [
        "Disk full,checkout,SEV2,2026-09-01T10:00:00Z,,2026-09-01T11:00:00Z",
        "Cert expired,checkout,SEV1,2026-09-02T10:00:00Z,,2026-09-02T10:30:00Z",
      ];
      const first = await importCsv(t, [header, ...rows].join("\n"));
      assert.equal(first.statusCode, 201, first.body);
      assert.equal(first.json().imported, 2);
      const count = async () =>
        (
          await t.database.db.read
            .selectFrom("incidents")
            .select("id")
            .where("title", "in", ["Disk full", "Cert expired", "New one"])
            .execute()
        ).length;
      // The same export again, grown by one row: only the new row is imported.
      const again = await importCsv(
        t,
        [header, ...rows, "New one,checkout,SEV3,2026-09-03T10:00:00Z,,"].join("\n"),
      );
      assert.equal(again.statusCode, 201, again.body);
      assert.equal(again.json().imported, 1);
      assert.equal(again.json().skipped, 2);
      assert.equal(await count(), 3);
      // Another title at the same instant is another incident; a row repeated in one file counts once.
      const repeated = "Disk full (db),checkout,SEV2,2026-09-01T10:00:00Z,,";
      const other = await importCsv(t, `${header}\n${repeated}\n${repeated}`);
      assert.deepEqual([other.json().imported, other.json().skipped], [1, 1]);
    });

    it("refuses a NUL character in a title read from a file (the CLI's path), by row and column", async () => {
      const csv = `${header}\nDisk\u0000full,checkout,SEV2,2026-09-04T10:00:00Z,,\n`;
      await assert.rejects(importIncidentHistory(t.database.db, t.system, csv, "h.csv"), (e: unknown) => {
        assert.ok(e instanceof InputError);
        assert.deepEqual(
          e.issues.map((i) => [i.path, i.message]),
          [["row 2, column title", "must not hold a NUL character (U+0000)"]],
        );
        return true;
      });
    });

    it("refuses an empty file and a missing column", async () => {
      assert.match((await importCsv(t, "")).body, /empty/);
      const res = await importCsv(t, "title,service\nX,checkout\n");
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /missing column/);
    });
  });
}
