import { z } from "zod";
import { limits } from "../alert.ts";

/** A label set within the limits: string keys and values only, so a huge or odd set is a clear 400. */
export const labelSet = z
  .record(z.string().min(1).max(limits.labelName), z.string().max(limits.labelValue))
  .refine((r) => Object.keys(r).length <= limits.labels, `at most ${limits.labels} labels`);

export const annotationSet = z
  .record(z.string().min(1).max(limits.labelName), z.string().max(limits.annotationValue))
  .refine((r) => Object.keys(r).length <= limits.labels, `at most ${limits.labels} annotations`);

/** Instants as senders write them (RFC 3339; Go's zero time included). */
export const timestamp = z.string().max(64);

export const url = z.string().max(2000);

/** Keeps only http(s) URLs: a link shown in the UI must never be `javascript:`. */
export function httpUrl(text: string | undefined | null): string | null {
  return text && /^https?:\/\/\S+$/i.test(text) ? text : null;
}
