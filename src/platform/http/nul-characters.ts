import type { IncomingMessage } from "node:http";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { InputError } from "../errors.ts";
import { nulCharacterPath, nulRefusal } from "../nul-character.ts";

/**
 * Every route refuses U+0000 (see platform/nul-character.ts) with a 400 naming where it is.
 *
 * JSON can only carry it escaped (`\u0000`; a raw control character is invalid JSON), so the parsers that
 * see the raw text note the requests whose body holds that escape, and only those bodies are walked: the
 * walk costs about as much as parsing, and the alert intake parses many bodies. Params and query can only
 * carry it percent-encoded (`%00`; the HTTP parser refuses a raw one), so they are walked only when the URL
 * holds that; a text body (YAML, CSV) is one string; a streamed body (an upload) is not a value.
 */
const escapedNul = "\\u0000";
const mayHoldNul = new WeakSet<IncomingMessage>();

/** For body parsers: remember that this raw body may hold an escaped NUL. */
export function noteRawBody(request: FastifyRequest, raw: string | Buffer): void {
  if (raw.includes(escapedNul)) mayHoldNul.add(request.raw);
}

/** Replaces the default JSON parser with one that notes escaped NULs (same proto-poisoning handling). */
export function refuseNulCharacters(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    noteRawBody(request, body);
    void parseJson(request, body as string, done);
  });
  // Before validation, so every route (the alert intake too) refuses it alike on both engines.
  app.addHook("preValidation", async (request) => {
    const { body } = request;
    const inUrl = request.url.includes("%00");
    const inBody = typeof body === "string" || mayHoldNul.has(request.raw);
    if (!inUrl && !inBody) return;
    // Params and query come as objects of the router's own classes: copied, they are plain.
    const found = nulCharacterPath({
      ...(inUrl
        ? { params: { ...(request.params as object) }, querystring: { ...(request.query as object) } }
        : {}),
      ...(inBody ? { body } : {}),
    });
    if (found) {
      const path = found.join(".");
      throw new InputError(`${path} holds a NUL character (U+0000)`, [{ path, message: nulRefusal }]);
    }
  });
}
