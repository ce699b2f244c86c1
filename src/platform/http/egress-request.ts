import type { LookupAddress, LookupOneOptions } from "node:dns";
import http from "node:http";
import https from "node:https";
import { checkDestination, type EgressPolicy, type ResolvedAddress } from "./egress.ts";

/** The peer did not answer in time; retrying later is reasonable. */
export class EgressTimeoutError extends Error {
  override name = "EgressTimeoutError";
}

export interface OutgoingRequest {
  method: "POST" | "PUT";
  headers: Record<string, string>;
  body: string;
  /** For the whole exchange: connect, send, response headers and body. */
  timeoutMs: number;
  /** Largest body read; 16 KiB unless the caller needs a whole document (e.g. Prometheus's samples). */
  maxBodyBytes?: number;
  /**
   * Beyond `maxBodyBytes`: `truncate` keeps the first bytes (a webhook's reply, where the status is what
   * matters); `refuse` fails the request (an answer that is useless unless whole).
   */
  whenLarger?: "truncate" | "refuse";
}

export interface IncomingAnswer {
  status: number;
  /** The first bytes of the body (bounded), for error messages. */
  body: string;
  retryAfter: string | undefined;
}

/** Enough for Slack's "invalid_payload" or a problem+json; a peer cannot make us buffer more. */
const defaultMaxBodyBytes = 16 * 1024;

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** A `lookup` that answers with the address already checked, whatever the name: the connection is pinned. */
function pinnedLookup(pinned: ResolvedAddress) {
  return (_host: string, options: LookupOneOptions & { all?: boolean }, callback: LookupCallback) => {
    if (options.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  };
}

/**
 * Sends one request to a destination the egress guard accepted, connecting to the checked address (the
 * Host header and TLS server name stay the URL's host, so certificates are verified as usual). Redirects
 * are not followed: a 3xx comes back as it is, since following one would reach an unchecked destination.
 * Rejects with EgressRefusedError, EgressTimeoutError, or the socket's error (whose message names an
 * address and port, never the URL's path, which for Slack is a credential).
 */
export async function egressRequest(
  url: string,
  request: OutgoingRequest,
  policy: EgressPolicy,
): Promise<IncomingAnswer> {
  const target = new URL(url);
  const pinned = await checkDestination(target, policy);
  const transport = target.protocol === "https:" ? https : http;
  const maxBodyBytes = request.maxBodyBytes ?? defaultMaxBodyBytes;
  return new Promise<IncomingAnswer>((resolve, reject) => {
    const req = transport.request(target, {
      method: request.method,
      headers: { ...request.headers, "content-length": String(Buffer.byteLength(request.body)) },
      lookup: pinnedLookup(pinned) as unknown as http.RequestOptions["lookup"],
      // No keep-alive pool: every request is pinned to its own checked address.
      agent: false,
    });
    // The first outcome wins; later socket errors of a destroyed request change nothing.
    const settle = (error: Error | null, answer?: IncomingAnswer) => {
      clearTimeout(timer);
      if (error) reject(error);
      else if (answer) resolve(answer);
    };
    const timer = setTimeout(() => {
      settle(new EgressTimeoutError(`no answer within ${request.timeoutMs} ms`));
      req.destroy();
    }, request.timeoutMs);
    req.on("error", (error) => settle(error));
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => {
        const retryAfter = res.headers["retry-after"];
        settle(null, {
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString("utf8").slice(0, maxBodyBytes),
          retryAfter: typeof retryAfter === "string" ? retryAfter : undefined,
        });
      };
      res.on("data", (chunk: Buffer) => {
        if (size >= maxBodyBytes) return;
        chunks.push(chunk);
        size += chunk.length;
        if (size >= maxBodyBytes && request.whenLarger === "refuse") {
          settle(new Error(`the answer is larger than ${maxBodyBytes} bytes`));
          res.destroy();
        } else if (size >= maxBodyBytes) {
          // The status is what matters; stop reading a peer that streams more than we keep.
          finish();
          res.destroy();
        }
      });
      res.on("end", finish);
      res.on("error", (error) => settle(error));
    });
    req.end(request.body);
  });
}
