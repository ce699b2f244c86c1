/**
 * PostgreSQL cannot store U+0000 in text: input holding one would be a 500 there and stored data on
 * SQLite, so the HTTP layer and the manifest loader refuse it, naming where it is.
 */
export const nulRefusal = "must not hold a NUL character (U+0000)";

function isPlainValue(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}

/**
 * The path to the first string holding U+0000 in a parsed value, or to the object with such a key; null
 * when there is none. Only arrays and plain objects are walked (never a stream's object graph), each once
 * (YAML aliases may share or even nest a node), and without recursion: a 1 MiB body can nest deeper than
 * the stack.
 */
export function nulCharacterPath(value: unknown): string[] | null {
  const seen = new Set<object>();
  const stack: [string[], unknown][] = [[[], value]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [path, current] = next;
    if (typeof current === "string") {
      if (current.includes("\u0000")) return path;
    } else if (
      typeof current === "object" &&
      current !== null &&
      isPlainValue(current) &&
      !seen.has(current)
    ) {
      seen.add(current);
      for (const [key, child] of Object.entries(current)) {
        if (key.includes("\u0000")) return path;
        stack.push([[...path, key], child]);
      }
    }
  }
  return null;
}
