/**
 * Alertmanager-style label matchers: `name="value"`, `name!="value"`, `name=~"regex"`, `name!~"regex"`,
 * alone or as a set in braces (`{alertname="Down", cluster=~"eu-.*"}`). Values may be unquoted when they
 * hold no spaces, commas, braces or quotes. Regexes are anchored, as in Alertmanager. A label the alert does
 * not carry counts as the empty string. Pure functions; results are values, not exceptions.
 */

export const matchOps = ["=", "!=", "=~", "!~"] as const;
export type MatchOp = (typeof matchOps)[number];

export interface Matcher {
  name: string;
  op: MatchOp;
  value: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const namePattern = /^[A-Za-z_][A-Za-z0-9_.\-/]*$/;

function unquote(text: string): Parsed<string> {
  if (!text.startsWith('"')) {
    if (/[\s,{}"]/.test(text)) return { ok: false, message: `value ${text} must be quoted` };
    return { ok: true, value: text };
  }
  if (text.length < 2 || !text.endsWith('"'))
    return { ok: false, message: `unterminated quoted value ${text}` };
  let out = "";
  const body = text.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c === '"') return { ok: false, message: `unescaped quote in ${text}` };
    if (c !== "\\") {
      out += c;
      continue;
    }
    const next = body[++i];
    if (next === undefined) return { ok: false, message: `dangling backslash in ${text}` };
    out += next === "n" ? "\n" : next === "t" ? "\t" : next;
  }
  return { ok: true, value: out };
}

function checkRegex(m: Matcher): Parsed<Matcher> {
  if (m.op !== "=~" && m.op !== "!~") return { ok: true, value: m };
  try {
    new RegExp(`^(?:${m.value})$`, "u");
    return { ok: true, value: m };
  } catch {
    return { ok: false, message: `${m.name}${m.op}: invalid regular expression ${JSON.stringify(m.value)}` };
  }
}

/** One matcher, e.g. `severity=~"critical|warning"`. */
export function parseMatcher(text: string): Parsed<Matcher> {
  const t = text.trim();
  const m = /^([^=!~\s]+)\s*(=~|!~|!=|=)\s*(.*)$/s.exec(t);
  if (!m) return { ok: false, message: `'${t}' is not a matcher (name, one of = != =~ !~, value)` };
  const [, name = "", op = "=", raw = ""] = m;
  if (!namePattern.test(name)) return { ok: false, message: `'${name}' is not a label name` };
  const value = unquote(raw.trim());
  if (!value.ok) return value;
  return checkRegex({ name, op: op as MatchOp, value: value.value });
}

/** Splits `a="x,y", b=~"z"` at the commas outside quotes. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === "\\" && quoted) {
      current += c + (text[++i] ?? "");
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === "," && !quoted) {
      parts.push(current);
      current = "";
    } else current += c;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

/** A list of matchers given as strings, each one matcher or a `{...}` set; all must hold. */
export function parseMatchers(input: string | string[]): Parsed<Matcher[]> {
  const out: Matcher[] = [];
  for (const item of typeof input === "string" ? [input] : input) {
    let t = item.trim();
    if (t.startsWith("{")) {
      if (!t.endsWith("}")) return { ok: false, message: `unclosed '{' in ${item}` };
      t = t.slice(1, -1);
    }
    for (const part of splitTopLevel(t)) {
      const m = parseMatcher(part);
      if (!m.ok) return m;
      out.push(m.value);
    }
  }
  return { ok: true, value: out };
}

/** The canonical text of a matcher: what the API shows and manifests compare. */
export function formatMatcher(m: Matcher): string {
  const escaped = m.value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
  return `${m.name}${m.op}"${escaped}"`;
}

export type LabelTest = (labels: Record<string, string>) => boolean;

/** How each operator compares a label value, given the matcher's value (regexes compiled once, here). */
const comparators: Record<MatchOp, (value: string) => (actual: string) => boolean> = {
  "=": (value) => (actual) => actual === value,
  "!=": (value) => (actual) => actual !== value,
  "=~": (value) => {
    const re = new RegExp(`^(?:${value})$`, "u");
    return (actual) => re.test(actual);
  },
  "!~": (value) => {
    const re = new RegExp(`^(?:${value})$`, "u");
    return (actual) => !re.test(actual);
  },
};

/** Compiles matchers once into one test; no matchers match everything. */
export function compileMatchers(matchers: Matcher[]): LabelTest {
  const tests = matchers.map((m) => {
    const compare = comparators[m.op](m.value);
    // Own labels only: `constructor` or `toString` is a valid label name, not Object.prototype's.
    return (labels: Record<string, string>) =>
      compare((Object.hasOwn(labels, m.name) ? labels[m.name] : undefined) ?? "");
  });
  return (labels) => tests.every((t) => t(labels));
}
