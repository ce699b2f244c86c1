import { InputError } from "../../platform/errors.ts";

/** An InputError naming the field (for files: `file`, with the file and row in the message). */
export function badInput(message: string, path = "file"): InputError {
  return new InputError(message, [{ path, message }]);
}

/** Fastify's own "too large" error, so the problem handler answers 413. */
export function tooLarge(limit: number): Error {
  return Object.assign(new Error(`the upload is larger than ${limit} bytes`), {
    statusCode: 413,
    code: "FST_ERR_CTP_BODY_TOO_LARGE",
  });
}
