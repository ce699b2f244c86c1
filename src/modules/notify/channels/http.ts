import { EgressRefusedError } from "../../../platform/http/egress.ts";
import { EgressTimeoutError, egressRequest } from "../../../platform/http/egress-request.ts";
import { classifyHttpAnswer, type SendOutcome } from "../notify.policy.ts";
import type { ChannelDeps } from "./channel.ts";

/**
 * POSTs JSON through the egress guard and classifies the result. A refused destination is final (only an
 * admin can change that); timeouts and network errors are retried. Error texts name addresses and ports,
 * never the URL: a Slack URL is a credential.
 */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  deps: ChannelDeps,
): Promise<SendOutcome> {
  try {
    const answer = await egressRequest(
      url,
      {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "opsdeck-notify/1", ...headers },
        body,
        timeoutMs: deps.httpTimeoutMs,
      },
      { allow: deps.config.egressAllow, ...(deps.resolve ? { resolve: deps.resolve } : {}) },
    );
    return classifyHttpAnswer(answer, deps.clock.now());
  } catch (error) {
    if (error instanceof EgressRefusedError) return { kind: "final", error: error.message };
    if (error instanceof EgressTimeoutError) return { kind: "retry", error: `timed out: ${error.message}` };
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : String(error);
    return { kind: "retry", error: code && !message.includes(code) ? `${code}: ${message}` : message };
  }
}
