import assert from "node:assert/strict";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { SMTPServer } from "smtp-server";
import { loadConfig } from "../../platform/config/config.ts";
import { Worker } from "../../platform/jobs/index.ts";
import { applyDocuments } from "../../platform/manifests/apply.ts";
import { parseManifestText } from "../../platform/manifests/load.ts";
import { testEngines } from "../../platform/testing/databases.ts";
import type { TestApp } from "../../platform/testing/test-app.ts";
import { manifestRegistry } from "../registry.ts";
import { importCsv, startKpiWorld } from "./kpis.fixture.ts";
import { findChromium } from "./report-pdf.ts";
import { reportJobHandlers } from "./schedule.job.ts";

const history = [
  "title,service,severity,triggeredAt,acknowledgedAt,resolvedAt",
  // October: MTTA 60 s and 300 s (mean 3m, median 3m); MTTR 600 s and 3600 s (mean 35m).
  "Checkout down,checkout,SEV1,2026-10-05T10:00:00Z,2026-10-05T10:01:00Z,2026-10-05T10:10:00Z",
  "Gateway slow,gateway,SEV2,2026-10-20T10:00:00Z,2026-10-20T10:05:00Z,2026-10-20T11:00:00Z",
  "Old one,gateway,SEV3,2026-08-03T10:00:00Z,2026-08-03T10:02:00Z,2026-08-03T10:30:00Z",
].join("\n");

async function smtpPeer() {
  const mails: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((r) => server.close(() => r())) };
}

for (const engine of testEngines()) {
  describe(`monthly operations review on ${engine.name}`, () => {
    let t: TestApp;
    let smtp: Awaited<ReturnType<typeof smtpPeer>>;
    const get = (query: string) =>
      t.app.inject({ method: "GET", url: `/api/v1/reports/monthly?${query}`, headers: t.as("viewer") });
    before(async () => {
      smtp = await smtpPeer();
      t = await startKpiWorld(engine);
      assert.equal((await importCsv(t, history)).statusCode, 201);
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    it("markdown, CSV and HTML carry the month's figures", async () => {
      const md = await get("month=2026-10&format=md");
      assert.equal(md.statusCode, 200);
      assert.match(md.headers["content-type"] as string, /text\/markdown/);
      assert.match(md.body, /# Monthly operations review: 2026-10/);
      assert.match(md.body, /2 incidents \(2 imported\)/);
      assert.match(md.body, /\| MTTA \| 3m \| 3m \| 2 \|/);
      assert.match(md.body, /\| MTTR \| 35m \| 35m \| 2 \|/);
      assert.match(md.body, /\| 2026-08 \| 1 \| 2m \| 30m \|/, "the 6-month trend reaches back to August");

      const csv = (await get("month=2026-10&format=csv")).body.split("\r\n");
      assert.equal(csv[0], "section,key,metric,value");
      assert.ok(csv.includes("summary,2026-10,incidents,2"));
      assert.ok(csv.includes("summary,2026-10,mtta_mean_seconds,180"));
      assert.ok(csv.includes("summary,2026-10,mttr_median_seconds,2100"));
      assert.ok(csv.includes("service,gateway,incidents,1"));

      const html = await get("month=2026-10&format=html");
      assert.match(html.headers["content-type"] as string, /text\/html/);
      assert.match(html.body, /<svg[^>]+aria-label="Incidents per week"/);
      assert.match(html.body, /<svg[^>]+aria-label="MTTA and MTTR \(mean\), last 6 months"/);
      assert.match(html.body, /<svg[^>]+aria-label="Top services by incidents"/);
      assert.doesNotMatch(html.body, /<script|src="http|href="http/, "no scripts, no external assets");
      assert.match(html.body, /data-figure="incidents">2</);
      const dark = await get("month=2026-10&format=html&theme=dark");
      assert.match(dark.body, /<html lang="en" class="dark">/, "the report page can pin the app's theme");
    });

    it("an empty month says so, and a month that does not exist is refused", async () => {
      const md = await get("month=2026-06&format=md");
      assert.match(md.body, /No incidents in 2026-06\./);
      assert.doesNotMatch(md.body, /MTTA \| 0/, "no zero where nothing was measured");
      const csv = (await get("month=2026-06&format=csv")).body;
      assert.match(
        csv,
        /summary,2026-06,incidents,0\r\nsummary,2026-06,imported_incidents,0\r\nsummary,2026-06,mtta_mean_seconds,\r\n/,
      );
      const bad = await get("month=2026-13&format=md");
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /01-12/);
    });

    it("PDF through headless Chromium", {
      skip: findChromium() ? false : "chromium is not installed",
      timeout: 90_000,
    }, async () => {
      const pdf = await get("month=2026-10&format=pdf");
      assert.equal(pdf.statusCode, 200, pdf.body.slice(0, 300));
      assert.equal(pdf.rawPayload.subarray(0, 4).toString(), "%PDF");
      assert.match(pdf.headers["content-disposition"] as string, /operations-review-2026-10\.pdf/);
    });

    it("refuses a ReportSchedule with a bad time, zone or address, naming the field", async () => {
      const manifest = `apiVersion: opsdeck.dev/v1\nkind: ReportSchedule\nmetadata: { name: broken }\nspec: { dayOfMonth: 31, time: "25:00", timeZone: Mars/Olympus, to: [not-an-address] }\n`;
      const { documents, issues } = parseManifestText(manifest, "broken.yaml");
      await assert.rejects(
        applyDocuments(
          t.database.db,
          t.system,
          documents,
          manifestRegistry(),
          { dryRun: false, prune: false },
          issues,
        ),
        (error: { issues?: { path: string }[] }) => {
          const paths = (error.issues ?? []).map((i) => i.path).join(" ");
          for (const field of ["dayOfMonth", "time", "timeZone", "to"])
            assert.match(paths, new RegExp(field));
          return true;
        },
      );
    });

    it("a ReportSchedule mails last month's review at day N, HH:MM in its time zone, through SMTP", async () => {
      const manifest = `apiVersion: opsdeck.dev/v1\nkind: ReportSchedule\nmetadata: { name: ops-review }\nspec: { dayOfMonth: 1, time: "08:00", timeZone: Europe/Berlin, to: [ops@example.com, cto@example.com] }\n`;
      t.clock.set("2026-10-15T12:00:00.000Z");
      const { documents, issues } = parseManifestText(manifest, "schedule.yaml");
      await applyDocuments(
        t.database.db,
        t.system,
        documents,
        manifestRegistry(),
        { dryRun: false, prune: false },
        issues,
      );
      const row = await t.database.db.read
        .selectFrom("kpi_report_schedules")
        .selectAll()
        .executeTakeFirstOrThrow();
      // 1 November 08:00 in Berlin is 07:00 UTC (CET, after the October DST change).
      assert.equal(row.next_run_at, "2026-11-01T07:00:00.000Z");
      const worker = new Worker({
        db: t.database.db,
        clock: t.clock,
        handlers: reportJobHandlers({
          db: t.database.db,
          clock: t.clock,
          config: loadConfig({
            OPSDECK_DATABASE_URL: t.database.url,
            OPSDECK_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
            OPSDECK_SMTP_FROM: "opsdeck@example.com",
          }),
        }),
        owner: "test",
        leaseMs: 60_000,
        pollMs: 5,
        batch: 10,
      });
      assert.equal((await worker.runDueJobsOnce()).claimed, 0, "not due before its time");
      t.clock.set("2026-11-01T07:00:01.000Z");
      assert.equal((await worker.runDueJobsOnce()).claimed, 1);
      assert.equal(smtp.mails.length, 1);
      const mail = smtp.mails[0] as { to: string[]; raw: string };
      assert.deepEqual(mail.to.sort(), ["cto@example.com", "ops@example.com"]);
      assert.match(mail.raw, /Subject: Operations review 2026-10/);
      assert.match(mail.raw, /operations-review-2026-10\.csv/);
      const next = await t.database.db.read
        .selectFrom("kpi_report_schedules")
        .selectAll()
        .executeTakeFirstOrThrow();
      assert.equal(next.next_run_at, "2026-12-01T07:00:00.000Z", "the next month is planned");
    });
  });
}
