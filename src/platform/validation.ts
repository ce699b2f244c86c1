import type { z } from "zod";
import { type FieldIssue, InputError } from "./errors.ts";

/** Turns zod issues into field issues with dotted paths (`spec.members.2`). */
export function zodIssues(error: z.ZodError, prefix = ""): FieldIssue[] {
  return error.issues.map((i) => {
    const path = [prefix, ...i.path.map(String)].filter((p) => p !== "").join(".");
    const keys = "keys" in i && Array.isArray(i.keys) ? `: ${i.keys.join(", ")}` : "";
    return { path: path || "(root)", message: `${i.message}${keys}` };
  });
}

/** Validates input that did not come through an HTTP schema (CLI, manifests, tests): throws InputError. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, prefix = ""): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issues = zodIssues(r.error, prefix);
    throw new InputError(issues.map((i) => `${i.path}: ${i.message}`).join("; "), issues);
  }
  return r.data;
}
