import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { checkDestination, EgressRefusedError, forbiddenReason, type Resolver } from "./egress.ts";
import { EgressTimeoutError, egressRequest } from "./egress-request.ts";

describe("egress guard: which addresses are refused", () => {
  const cases: [string, string | null][] = [
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["172.32.0.1", null],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["100.127.255.255", "carrier-grade NAT"],
    ["100.128.0.1", null],
    ["169.254.169.254", "link-local"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "reserved"],
    ["8.8.8.8", null],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["fd12:3456::1", "unique local (private)"],
    ["fc00::1", "unique local (private)"],
    ["fe80::1%eth0", "link-local"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:169.254.169.254", "link-local"],
    ["::ffff:8.8.8.8", null],
    ["64:ff9b::a00:1", "private"],
    ["2002:7f00:1::", "loopback"],
    ["2606:4700:4700::1111", null],
    ["not-an-ip", "not an IP address"],
  ];
  for (const [address, why] of cases)
    it(`${address}: ${why ?? "allowed"}`, () => assert.equal(forbiddenReason(address), why));
});

describe("egress guard: destinations", () => {
  const resolver =
    (answers: Record<string, string[]>): Resolver =>
    async (host) =>
      (answers[host] ?? []).map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

  it("refuses loopback literals unless an allowed range covers them", async () => {
    await assert.rejects(
      checkDestination(new URL("http://127.0.0.1:9/x"), { allow: [] }),
      EgressRefusedError,
    );
    await assert.rejects(checkDestination(new URL("http://[::1]/"), { allow: [] }), /\(loopback\)/);
    await assert.rejects(checkDestination(new URL("http://[::ffff:127.0.0.1]/"), { allow: [] }), /loopback/);
    for (const allow of [["127.0.0.1/32"], ["127.0.0.1"], ["10.0.0.0/8", "127.0.0.0/8"]])
      assert.deepEqual(await checkDestination(new URL("http://127.0.0.1:9/x"), { allow }), {
        address: "127.0.0.1",
        family: 4,
      });
    // A mapped address is the IPv4 host itself: the IPv4 range allows it.
    assert.equal(
      (await checkDestination(new URL("http://[::ffff:127.0.0.1]/"), { allow: ["127.0.0.1/32"] })).address,
      "::ffff:7f00:1",
    );
  });

  it("resolves names with the system resolver and refuses localhost", async () => {
    await assert.rejects(checkDestination(new URL("http://localhost:9/"), { allow: [] }), EgressRefusedError);
  });

  it("refuses a name when any of its addresses is private, and allows names listed as hosts", async () => {
    const resolve = resolver({ "mixed.test": ["93.184.216.34", "10.0.0.5"], "hooks.internal": ["10.0.0.7"] });
    await assert.rejects(
      checkDestination(new URL("https://mixed.test/"), { allow: [], resolve }),
      /resolves to 10\.0\.0\.5 \(private\)/,
    );
    assert.equal(
      (await checkDestination(new URL("https://HOOKS.internal./a"), { allow: ["hooks.internal"], resolve }))
        .address,
      "10.0.0.7",
    );
    assert.equal(
      (await checkDestination(new URL("https://mixed.test/"), { allow: ["10.0.0.0/24"], resolve })).address,
      "93.184.216.34",
    );
  });

  it("refuses other schemes, and reports an unresolvable name as a (retryable) lookup failure", async () => {
    await assert.rejects(checkDestination(new URL("ftp://example.com/"), { allow: [] }), EgressRefusedError);
    const failing: Resolver = async () => {
      throw Object.assign(new Error("x"), { code: "EAI_AGAIN" });
    };
    await assert.rejects(
      checkDestination(new URL("https://down.test/"), { allow: [], resolve: failing }),
      (e) => {
        assert.ok(!(e instanceof EgressRefusedError));
        assert.match((e as Error).message, /cannot resolve down\.test: EAI_AGAIN/);
        return true;
      },
    );
  });
});

describe("egress requests to a local receiver", () => {
  let server: Server;
  let port = 0;
  const seen: { url: string | undefined; host: string | undefined; body: string }[] = [];
  let answer: (req: IncomingMessage, res: import("node:http").ServerResponse) => void = (_req, res) =>
    res.end("ok");
  before(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => {
        body += c.toString();
      });
      req.on("end", () => {
        seen.push({ url: req.url, host: req.headers.host, body });
        answer(req, res);
      });
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    port = (server.address() as AddressInfo).port;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  const post = {
    method: "POST" as const,
    headers: { "content-type": "text/plain" },
    body: "hi",
    timeoutMs: 2_000,
  };

  it("never connects to a refused destination", async () => {
    seen.length = 0;
    await assert.rejects(egressRequest(`http://127.0.0.1:${port}/`, post, { allow: [] }), EgressRefusedError);
    assert.equal(seen.length, 0);
  });

  it("connects to the checked address, not to a second lookup of the name", async () => {
    seen.length = 0;
    // `.invalid` never resolves (RFC 6761): the request can only have used the pinned address.
    const resolve: Resolver = async () => [{ address: "127.0.0.1", family: 4 }];
    const res = await egressRequest(`http://rebind.invalid:${port}/hook?x=1`, post, {
      allow: ["127.0.0.1/32"],
      resolve,
    });
    assert.deepEqual(res, { status: 200, body: "ok", retryAfter: undefined });
    assert.deepEqual(seen, [{ url: "/hook?x=1", host: `rebind.invalid:${port}`, body: "hi" }]);
  });

  it("does not follow redirects, and reports Retry-After", async () => {
    seen.length = 0;
    answer = (_req, res) => {
      res.writeHead(307, { location: "http://169.254.169.254/latest/meta-data", "retry-after": "7" });
      res.end();
    };
    const res = await egressRequest(`http://127.0.0.1:${port}/`, post, { allow: ["127.0.0.1"] });
    assert.equal(res.status, 307);
    assert.equal(res.retryAfter, "7");
    assert.equal(seen.length, 1);
  });

  it("keeps the first bytes of a long answer, or refuses it when the caller needs it whole", async () => {
    answer = (_req, res) => {
      res.writeHead(200);
      res.end("x".repeat(100_000));
    };
    const allow = { allow: ["127.0.0.1"] };
    const kept = await egressRequest(`http://127.0.0.1:${port}/`, { ...post, maxBodyBytes: 1000 }, allow);
    assert.equal(kept.status, 200);
    assert.equal(kept.body.length, 1000);
    await assert.rejects(
      egressRequest(
        `http://127.0.0.1:${port}/`,
        { ...post, maxBodyBytes: 1000, whenLarger: "refuse" },
        allow,
      ),
      /larger than 1000 bytes/,
    );
    const whole = await egressRequest(
      `http://127.0.0.1:${port}/`,
      { ...post, maxBodyBytes: 200_000, whenLarger: "refuse" },
      allow,
    );
    assert.equal(whole.body.length, 100_000);
  });

  it("gives up on a peer that does not answer", async () => {
    answer = () => {};
    await assert.rejects(
      egressRequest(`http://127.0.0.1:${port}/`, { ...post, timeoutMs: 150 }, { allow: ["127.0.0.1"] }),
      EgressTimeoutError,
    );
  });
});
