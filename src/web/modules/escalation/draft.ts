import { ApiError } from "../../lib/api.ts";
import type { LevelDraft, PolicyDraft, PolicyView } from "./types.ts";

let nextKey = 1;

export function newLevel(afterMinutes = "0", targets = ""): LevelDraft {
  nextKey += 1;
  return { key: nextKey, afterMinutes, targets };
}

export function emptyDraft(): PolicyDraft {
  return {
    name: "",
    description: "",
    services: "",
    default: false,
    levels: [newLevel()],
    repeat: "0",
    repeatAfterMinutes: "",
  };
}

export function toDraft(p: PolicyView): PolicyDraft {
  return {
    name: p.name,
    description: p.description,
    services: p.services.join(", "),
    default: p.default,
    levels: p.levels.map((l) => newLevel(String(l.afterMinutes), l.targets.join(", "))),
    repeat: String(p.repeat),
    repeatAfterMinutes: p.repeatAfterMinutes === null ? "" : String(p.repeatAfterMinutes),
  };
}

/** Comma- or space-separated names. */
function list(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A number when the text is one; otherwise the text itself, so the server names the field. */
function num(text: string, blank: number | undefined): number | string | undefined {
  const t = text.trim();
  if (t === "") return blank;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

/** The spec the API takes (PUT body; POST adds `name`). */
export function toSpec(d: PolicyDraft): Record<string, unknown> {
  return {
    description: d.description.trim(),
    services: list(d.services),
    default: d.default,
    levels: d.levels.map((l) => ({ afterMinutes: num(l.afterMinutes, 0), targets: list(l.targets) })),
    repeat: num(d.repeat, 0),
    repeatAfterMinutes: num(d.repeatAfterMinutes, undefined),
  };
}

/**
 * The messages of every issue at `prefix` or below it (`levels.1.targets` covers `levels.1.targets.0`),
 * with or without a leading `body.`/`spec.`.
 */
export function issuesAt(error: unknown, prefix: string, exact = false): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const hits = (error.problem.errors ?? []).filter((i) => {
    const p = i.path.replace(/^(body|spec)\./, "");
    return p === prefix || (!exact && p.startsWith(`${prefix}.`));
  });
  if (hits.length === 0) return undefined;
  return hits
    .map((i) => {
      const rest = i.path.replace(/^(body|spec)\./, "").slice(prefix.length + 1);
      if (!rest) return i.message;
      return /^\d+$/.test(rest) ? `#${Number(rest) + 1}: ${i.message}` : `${rest}: ${i.message}`;
    })
    .join("; ");
}

/** Issue paths the editor shows next to a field, so the summary above the form need not repeat them. */
const shownPath =
  /^((body|spec)\.)?(name|description|repeat|repeatAfterMinutes|default|levels|services(\.\d+)?|levels\.\d+\.(afterMinutes|targets)(\.\d+)?)$/;

export function shownPaths(error: unknown): string[] {
  if (!(error instanceof ApiError)) return [];
  return (error.problem.errors ?? []).map((i) => i.path).filter((p) => shownPath.test(p));
}
