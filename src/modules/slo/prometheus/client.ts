import type { EgressPolicy } from "../../../platform/http/egress.ts";
import { EgressRefusedError } from "../../../platform/http/egress.ts";
import { egressRequest } from "../../../platform/http/egress-request.ts";

/** Prometheus refused the query itself (HTTP 400 bad_data, 422 execution): the user must fix it. */
export class PrometheusQueryError extends Error {
  override name = "PrometheusQueryError";
}

/** Prometheus did not answer usably (network, timeout, 5xx): a data gap, never a zero. */
export class PrometheusUnreachableError extends Error {
  override name = "PrometheusUnreachableError";
}

/** One raw sample: milliseconds since the epoch and the value, parsed from Prometheus's exact text. */
export interface Sample {
  t: number;
  v: number;
}
export interface Series {
  labels: Record<string, string>;
  samples: Sample[];
}

export interface PrometheusTarget {
  /** The server's base URL, e.g. http://prometheus:9090 (a path prefix is kept). */
  baseUrl: string;
  policy: EgressPolicy;
  timeoutMs?: number;
}

interface ApiAnswer {
  status: "success" | "error";
  errorType?: string;
  error?: string;
  data?: { resultType: string; result: unknown };
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

async function call(
  target: PrometheusTarget,
  path: string,
  form: URLSearchParams,
): Promise<ApiAnswer["data"]> {
  const url = new URL(path, `${target.baseUrl.replace(/\/+$/, "")}/`);
  let answer: { status: number; body: string };
  try {
    // A range of samples is only useful whole: refuse rather than truncate a huge answer.
    answer = await egressRequest(
      url.toString(),
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body: form.toString(),
        timeoutMs: target.timeoutMs ?? 10_000,
        maxBodyBytes: 32 * 1024 * 1024,
        whenLarger: "refuse",
      },
      target.policy,
    );
  } catch (error) {
    // A refused destination is a configuration problem, not an outage: say so.
    if (error instanceof EgressRefusedError) throw error;
    throw error instanceof PrometheusUnreachableError
      ? error
      : new PrometheusUnreachableError(error instanceof Error ? error.message : String(error));
  }
  let parsed: ApiAnswer | undefined;
  try {
    parsed = JSON.parse(answer.body) as ApiAnswer;
  } catch {
    parsed = undefined;
  }
  if (answer.status === 400 || answer.status === 422)
    throw new PrometheusQueryError(parsed?.error ?? `HTTP ${answer.status}`);
  if (answer.status !== 200 || parsed?.status !== "success")
    throw new PrometheusUnreachableError(
      `Prometheus answered HTTP ${answer.status}${parsed?.error ? `: ${parsed.error}` : ""}`,
    );
  return parsed.data;
}

function toSeries(result: unknown): Series[] {
  const items = result as { metric: Record<string, string>; values?: [number, string][] }[];
  return items.map((item) => ({
    labels: item.metric,
    samples: (item.values ?? []).map(([t, v]) => ({ t: Math.round(t * 1000), v: Number(v) })),
  }));
}

/** The raw samples of `selector` with timestamps in [at - rangeMs, at], as Prometheus stores them. */
export async function rawSamples(
  target: PrometheusTarget,
  selector: string,
  atMs: number,
  rangeMs: number,
): Promise<Series[]> {
  const form = new URLSearchParams({ query: `${selector}[${rangeMs}ms]`, time: seconds(atMs) });
  const data = await call(target, "api/v1/query", form);
  if (data?.resultType !== "matrix") throw new PrometheusQueryError("the query is not a counter selector");
  return toSeries(data.result);
}

/** A range query's series (one value per step), e.g. for template-form rates. */
export async function rangeQuery(
  target: PrometheusTarget,
  query: string,
  fromMs: number,
  toMs: number,
  stepMs: number,
): Promise<Series[]> {
  const form = new URLSearchParams({
    query,
    start: seconds(fromMs),
    end: seconds(toMs),
    step: seconds(stepMs),
  });
  const data = await call(target, "api/v1/query_range", form);
  return toSeries(data?.result ?? []);
}
