import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/**
 * The outside world of the exactly-once proof: a real SMTP server and an HTTP receiver, each recording every
 * delivery by opsdeck's message id (`X-Opsdeck-Message-Id`, `webhook-id`: the same on every attempt) with
 * its arrival time (wall clock: these are real processes).
 */
export interface Receivers {
  /** Arrival times (epoch ms) by message id, one entry per delivery. */
  arrivals: Map<string, number[]>;
  smtpUrl: string;
  hookUrl(user: string): string;
  deliveries(): number;
  close(): Promise<void>;
}

export async function startReceivers(): Promise<Receivers> {
  const arrivals = new Map<string, number[]>();
  let deliveries = 0;
  const record = (id: string | undefined) => {
    deliveries++;
    const key = id ?? "(no id)";
    arrivals.set(key, [...(arrivals.get(key) ?? []), Date.now()]);
  };
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    // Three instances with 16 sends each may all be talking at once.
    maxClients: 200,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        record(/^X-Opsdeck-Message-Id: *(\S+)/im.exec(raw)?.[1]);
        callback();
      });
    },
  });
  // A SIGKILLed instance resets its SMTP connections mid-conversation: expected here, not a failure.
  smtp.on("error", () => {});
  smtp.listen(0, "127.0.0.1");
  await once(smtp.server, "listening");
  const http = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const id = req.headers["webhook-id"];
      record(typeof id === "string" ? id : undefined);
      res.writeHead(200).end("ok");
    });
  });
  http.listen(0, "127.0.0.1");
  await once(http, "listening");
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const httpPort = (http.address() as AddressInfo).port;
  return {
    arrivals,
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    hookUrl: (user) => `http://127.0.0.1:${httpPort}/hook/${user}`,
    deliveries: () => deliveries,
    async close() {
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
      await new Promise<void>((r) => smtp.close(() => r()));
    },
  };
}

/** Percentile of sorted values (nearest rank); NaN when empty. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}
