import { createTwoFilesPatch, diffLines } from "diff";

export interface LineDiff {
  added: number;
  removed: number;
  parts: { kind: "same" | "added" | "removed"; lines: string[] }[];
  unified: string;
}

const linesOf = (value: string) => value.replace(/\n$/, "").split("\n");

/** A line diff between two texts, as runs of lines and as a unified patch. Pure. */
export function lineDiff(
  name: string,
  from: { version: number; body: string },
  to: { version: number; body: string },
): LineDiff {
  const ensureNewline = (s: string) => (s === "" || s.endsWith("\n") ? s : `${s}\n`);
  const a = ensureNewline(from.body);
  const b = ensureNewline(to.body);
  const parts = diffLines(a, b).map((c) => ({
    kind: c.added ? ("added" as const) : c.removed ? ("removed" as const) : ("same" as const),
    lines: linesOf(c.value),
  }));
  return {
    added: parts.filter((p) => p.kind === "added").reduce((n, p) => n + p.lines.length, 0),
    removed: parts.filter((p) => p.kind === "removed").reduce((n, p) => n + p.lines.length, 0),
    parts,
    unified: createTwoFilesPatch(`${name}@v${from.version}`, `${name}@v${to.version}`, a, b, "", "", {
      context: 3,
    }),
  };
}
