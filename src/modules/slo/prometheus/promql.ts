/**
 * The two forms of PromQL an SLO's `good`, `bad` or `total` query may take, and how each becomes a
 * per-second rate over a window (for rules) or raw counter samples (for the evaluation job):
 *
 * - a counter selector, e.g. `http_requests_total{job="api",code=~"5.."}` (OpenSLO `counter: true`):
 *   the rate over W is `sum(rate(SELECTOR[W]))`, and the evaluation job reads its raw samples; the
 *   same counter written as `sum(SELECTOR)`, `sum(rate(SELECTOR[1m]))` or `increase(SELECTOR[5m])` is
 *   read as SELECTOR (see counterInside);
 * - a Sloth-style template containing `{{.window}}`, e.g. `sum(rate(http_requests_total[{{.window}}]))`,
 *   which must already be a per-second rate: the window is substituted as written.
 *
 * Anything else (a gauge expression, a `sum(...)` of a selector without a window) has no meaning as an
 * event count, so it is refused with a message naming the field instead of producing rules that lie.
 */

export const windowPlaceholder = /\{\{\s*\.window\s*\}\}/g;

export type QueryForm = { kind: "selector"; selector: string } | { kind: "template"; template: string };

const metricName = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const labelName = "[a-zA-Z_][a-zA-Z0-9_]*";
const quoted = `"(?:[^"\\\\]|\\\\.)*"|'(?:[^'\\\\]|\\\\.)*'|\`[^\`]*\``;
const matcher = `\\s*${labelName}\\s*(?:=~|!~|!=|=)\\s*(?:${quoted})\\s*`;
const matchers = `\\{(?:${matcher}(?:,${matcher})*,?\\s*)?\\}`;
const selectorPattern = new RegExp(`^(?:${metricName}\\s*(?:${matchers})?|${matchers})$`);
/**
 * A counter C as OpenSLO files often write it: `sum(C)` (ratioMetric with `counter: true`), `rate(C[1m])`,
 * `increase(C[5m])`, `sum(rate(C[1m]))`, also with `by (...)`/`without (...)`. opsdeck sums every series
 * and applies its own windows, so the aggregation and the fixed window are dropped and C is read.
 */
const rateOfCounter = /^(?:rate|increase)\s*\(\s*(?<selector>[^[\]]+?)\s*\[\s*\d+[smhdwy]\s*\]\s*\)$/;
const grouping = "(?:\\s*(?:by|without)\\s*\\([\\w\\s,]*\\))?";
const outerSum = new RegExp(`^sum${grouping}\\s*\\((?<inner>.*?)\\)${grouping}$`, "s");

function counterInside(text: string): string | null {
  const inner = outerSum.exec(text)?.groups?.inner?.trim() ?? text;
  if (inner !== text && selectorPattern.test(inner)) return inner;
  const selector = rateOfCounter.exec(inner)?.groups?.selector?.trim();
  return selector && selectorPattern.test(selector) ? selector : null;
}

/** The form of a query, or a sentence saying why it has none (for an InputError on its field). */
export function queryForm(query: string): QueryForm | { error: string } {
  const text = query.trim();
  if (text === "") return { error: "is empty" };
  if (windowPlaceholder.test(text)) {
    windowPlaceholder.lastIndex = 0;
    return { kind: "template", template: text };
  }
  if (selectorPattern.test(text)) return { kind: "selector", selector: text };
  const counter = counterInside(text);
  if (counter) return { kind: "selector", selector: counter };
  return {
    error:
      'must be a counter such as http_requests_total{code!~"5.."} (also written sum(COUNTER) or sum(rate(COUNTER[1m]))) ' +
      "or a per-second rate containing {{.window}}, such as sum(rate(http_requests_total[{{.window}}]))",
  };
}

/** Prometheus duration text for a window in minutes: 5m, 1h, 1d (the names users know from Sloth). */
export function durationText(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

/** The per-second rate of events matched by `form` over `window` (Prometheus duration text). */
export function rateOver(form: QueryForm, window: string): string {
  return form.kind === "selector"
    ? `sum(rate(${form.selector}[${window}]))`
    : form.template.replace(windowPlaceholder, window);
}
