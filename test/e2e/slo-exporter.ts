import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** One scrape's worth of counters, stamped with an explicit timestamp (milliseconds). */
export interface HistoryStep {
  t: number;
  /** Counter value per `code` label; a code absent from a step has no series yet. */
  values: Record<string, number>;
}

/**
 * 45 minutes of a shop's request counters, one step every ~30 s (with jitter) ending at `endMs`: steady
 * traffic with a few 500s, a process restart at step 40 (every counter drops), and a burst of 503s
 * that starts 10 minutes before the end as a new series. Deterministic: no randomness.
 */
export function shopHistory(endMs: number, steps = 90): HistoryStep[] {
  const history: HistoryStep[] = [];
  const value: Record<string, number> = { "200": 5_000, "500": 3 };
  for (let i = 0; i < steps; i++) {
    if (i === 40) {
      value["200"] = 7;
      value["500"] = 0;
    }
    if (i === 70) value["503"] = 12;
    value["200"] = (value["200"] ?? 0) + 100 + ((i * 37) % 90);
    value["500"] = (value["500"] ?? 0) + (i % 4 === 0 ? 2 : 0);
    if (i > 70) value["503"] = (value["503"] ?? 0) + 10 + ((i * 13) % 20);
    const jitter = ((i * 7919) % 3_000) - 1_500;
    const t = i === steps - 1 ? endMs : endMs - (steps - 1 - i) * 30_000 + jitter;
    history.push({ t, values: { ...value } });
  }
  return history;
}

export interface HistoryExporter {
  url: string;
  /** The `host:port` Prometheus scrapes. */
  target: string;
  /** How many steps were served so far. */
  served(): number;
  close(): Promise<void>;
}

/**
 * Serves `history` one step per scrape, in the text exposition format with explicit timestamps, then
 * repeats the last step (same timestamp and values: Prometheus ignores the duplicate). Explicit
 * timestamps let a test lay down 45 minutes of samples in seconds, and fix exactly which samples
 * Prometheus holds once the history is served.
 */
export async function startHistoryExporter(history: HistoryStep[]): Promise<HistoryExporter> {
  let next = 0;
  const server = createServer((req, res) => {
    if (req.url !== "/metrics") {
      res.writeHead(404).end();
      return;
    }
    const step = history[Math.min(next, history.length - 1)] as HistoryStep;
    next = Math.min(next + 1, history.length);
    const lines = ["# TYPE shop_requests_total counter"];
    for (const [code, v] of Object.entries(step.values))
      lines.push(`shop_requests_total{code="${code}"} ${v} ${step.t}`);
    res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(`${lines.join("\n")}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/metrics`,
    target: `127.0.0.1:${port}`,
    served: () => next,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The exact events of a history per code: reset-aware growth, a series' first sample being its baseline. */
export function exactIncrease(history: HistoryStep[], codes: (code: string) => boolean): number {
  let sum = 0;
  const previous: Record<string, number> = {};
  for (const step of history)
    for (const [code, v] of Object.entries(step.values)) {
      const before = previous[code];
      if (before !== undefined && codes(code)) sum += v >= before ? v - before : v;
      previous[code] = v;
    }
  return sum;
}
