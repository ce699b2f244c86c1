import type { Kysely } from "kysely";
import type { z } from "zod";
import type { ActionContext } from "../context.ts";
import type { Tables } from "../db/tables.ts";

/** One document after parsing: where it came from, so every error can name file, document and field. */
export interface SourcedDocument {
  apiVersion: string;
  kind: string;
  name: string;
  spec: unknown;
  /** The whole document as written, for translators that read more than `spec` (metadata, annotations). */
  raw: Record<string, unknown>;
  file: string;
  /** 1-based index of the document in its file. */
  index: number;
  line: number;
}

/** A cross-document problem of one field of a spec. */
export interface SpecProblem {
  path: string;
  message: string;
}

/**
 * A kind that `opsdeck apply` manages. `current` and the parsed spec use the same normalized shape, so
 * comparing their JSON tells unchanged from update. Handlers run inside the apply's one transaction.
 */
export interface KindHandler<Spec = unknown> {
  apiVersion: string;
  kind: string;
  /** Lower numbers apply first (users before teams before services), deletes go in reverse. */
  order: number;
  spec: z.ZodType<Spec>;
  /** Names an object of this kind cannot take, each with the reason (a route of the same path, say). */
  reservedNames?: Record<string, string>;
  current(db: Kysely<Tables>): Promise<Map<string, Spec>>;
  upsert(db: Kysely<Tables>, ctx: ActionContext, name: string, spec: Spec, existed: boolean): Promise<void>;
  remove(db: Kysely<Tables>, ctx: ActionContext, name: string): Promise<void>;
  /**
   * Cross-document checks after every document parsed (e.g. a team member must be a known user): a
   * string is about the whole spec; a problem with a path (dotted, from the document's root, such as
   * `spec.layers.0.participants.2`) is reported at that field's line.
   */
  validate?(
    db: Kysely<Tables>,
    name: string,
    spec: Spec,
    incoming: Map<string, Map<string, unknown>>,
  ): Promise<(string | SpecProblem)[]>;
}

/**
 * Turns documents of a foreign apiVersion (e.g. backstage.io/v1alpha1) into opsdeck documents, or returns
 * an error message naming what it refuses.
 */
export type DocumentTranslator = (
  doc: SourcedDocument,
) => SourcedDocument[] | { error: string; path: string };
