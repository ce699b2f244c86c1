/**
 * Shapes of the escalation API, from the server's zod schemas (type-only: nothing of the server reaches
 * the bundle), so a contract change fails `npm run typecheck`.
 */
import type { PolicyView } from "../../../modules/escalation/escalation.schema.ts";

export type { PolicyView };

/** One level as the editor holds it: text, so a half-typed number stays what the user typed. */
export interface LevelDraft {
  key: number;
  afterMinutes: string;
  targets: string;
}

/** The editable part of a policy, as form text. */
export interface PolicyDraft {
  name: string;
  description: string;
  services: string;
  default: boolean;
  levels: LevelDraft[];
  repeat: string;
  repeatAfterMinutes: string;
}
