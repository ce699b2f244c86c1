import assert from "node:assert/strict";
import { test } from "node:test";
import {
  type BenchDatabase,
  createPostgresDatabase,
  createSqliteDatabase,
  startServer,
} from "../../bench/support.ts";
import { testDatabaseUrl } from "../../src/platform/config/config.ts";
import { getJson, prepareSender, type Sender } from "./ingest-fixture.ts";

/**
 * A 2xx from intake promises the alert is committed. This kills the server with SIGKILL in the middle of a
 * load, restarts it on the same database and checks that every acknowledged alert is there.
 */

const loops = 16;
// The 20-second load; each engine still finishes in about 25 s.
const loadMs = 20_000;
const name = "crash-test";

/** One Alertmanager webhook (version 4) with a single alert, its fingerprint unique to the request. */
function webhook(fingerprint: string) {
  const labels = { alertname: "IngestCrash", fingerprint };
  return {
    version: "4",
    groupKey: '{}:{alertname="IngestCrash"}',
    status: "firing",
    receiver: "opsdeck",
    groupLabels: { alertname: "IngestCrash" },
    commonLabels: labels,
    commonAnnotations: {},
    externalURL: "http://alertmanager.invalid:9093",
    alerts: [
      {
        status: "firing",
        labels,
        annotations: { summary: "crash test" },
        startsAt: new Date().toISOString(),
        endsAt: "0001-01-01T00:00:00Z",
        generatorURL: "http://prometheus.invalid:9090/graph",
        fingerprint,
      },
    ],
  };
}

interface Load {
  acked: string[];
  /** Answers that are neither 2xx nor the documented 503 under overload: a test failure. */
  unexpected: string[];
  stop: boolean;
  next: number;
}

/** Sends until told to stop. After the kill every request fails to connect: not acknowledged. */
async function loop(sender: Sender, load: Load): Promise<void> {
  const headers = { authorization: `Bearer ${sender.key}`, "content-type": "application/json" };
  while (!load.stop) {
    const fingerprint = `crash-${load.next++}`;
    try {
      const res = await fetch(sender.url, {
        method: "POST",
        headers,
        body: JSON.stringify(webhook(fingerprint)),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await res.text();
      if (res.ok) load.acked.push(fingerprint);
      else if (res.status !== 503) load.unexpected.push(`${res.status} ${text.slice(0, 200)}`);
    } catch {
      // Refused or cut off by the kill; back off a little rather than spin on a dead port.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Every stored fingerprint of the integration, page by page (the API returns at most 1,000 at once). */
async function storedFingerprints(baseUrl: string, token: string): Promise<Set<string>> {
  const stored = new Set<string>();
  for (let offset = 0; ; offset += 1000) {
    const { items } = await getJson<{ items: { fingerprint: string }[] }>(
      baseUrl,
      token,
      `/api/v1/alerts?integration=${name}&limit=1000&offset=${offset}`,
    );
    for (const a of items) stored.add(a.fingerprint);
    if (items.length < 1000) return stored;
  }
}

async function crashAndCheck(database: BenchDatabase): Promise<void> {
  const first = await startServer(database.url);
  let second: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const sender = await prepareSender(first.baseUrl, database.url, name);
    const load: Load = { acked: [], unexpected: [], stop: false, next: 0 };
    const running = Array.from({ length: loops }, () => loop(sender, load));
    // Somewhere in the middle 40% of the load, so batches are in flight when the process dies.
    const killAt = loadMs * (0.3 + Math.random() * 0.4);
    await new Promise((resolve) => setTimeout(resolve, killAt));
    process.kill(first.pid, "SIGKILL");
    await first.stop();
    await new Promise((resolve) => setTimeout(resolve, loadMs - killAt));
    load.stop = true;
    await Promise.all(running);

    assert.deepEqual(load.unexpected, [], "answers other than 2xx or 503");
    assert.ok(load.acked.length > 0, "no alert was acknowledged before the kill");
    // The second server's port differs; intake URLs are not needed any more, only reads.
    second = await startServer(database.url);
    const stored = await storedFingerprints(second.baseUrl, sender.token);
    const lost = load.acked.filter((f) => !stored.has(f));
    assert.deepEqual(
      lost.slice(0, 20),
      [],
      `${lost.length} of ${load.acked.length} acknowledged alerts lost`,
    );
  } finally {
    await first.stop();
    await second?.stop();
  }
}

test("SQLite: every acknowledged alert survives a SIGKILL under load", async () => {
  const database = createSqliteDatabase();
  try {
    await crashAndCheck(database);
  } finally {
    await database.drop();
  }
});

const pgUrl = testDatabaseUrl();
test("PostgreSQL: every acknowledged alert survives a SIGKILL under load", {
  skip: pgUrl ? false : "OPSDECK_TEST_DATABASE_URL is not set",
}, async () => {
  assert.ok(pgUrl);
  const database = await createPostgresDatabase(pgUrl);
  try {
    await crashAndCheck(database);
  } finally {
    await database.drop();
  }
});
