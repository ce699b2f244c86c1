import { z } from "zod";

// zod's default for a missing field ("expected string, received undefined") reads like a type error;
// say what the user must do instead. Applies to every schema, server and web UI alike.
z.config({
  customError: (issue) =>
    issue.code === "invalid_type" && issue.input === undefined ? "is required" : undefined,
});

/** Entity names follow Backstage's rule, so catalog documents apply as they are. */
export const entityName = z
  .string()
  .max(63, "must be at most 63 characters")
  .regex(
    /^[a-zA-Z0-9]+([-_.][a-zA-Z0-9]+)*$/,
    "must be letters and digits, separated by single '-', '_' or '.' (Backstage's entity name rule)",
  );

export const isoInstant = z.iso.datetime({ offset: true });

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const timeZone = z.string().refine(isTimeZone, "must be an IANA time zone such as Europe/Berlin");

/** Query strings: integers arrive as text. */
export const pageLimit = z.coerce.number().int().min(1).max(1000).default(100);

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() }).loose()).optional(),
  })
  .loose();
