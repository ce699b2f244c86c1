import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  alertmanagerWebhook,
  fromAlertmanagerWebhook,
  fromPostableAlerts,
  postableAlerts,
} from "./formats/alertmanager.ts";
import { fromGenericAlert, genericAlert } from "./formats/generic.ts";
import { fromGrafanaWebhook, grafanaWebhook } from "./formats/grafana.ts";
import { fromPagerDutyEvent, pagerDutyEvent } from "./formats/pagerduty.ts";
import {
  compileMatchers,
  formatMatcher,
  type Matcher,
  matchOps,
  parseMatcher,
  parseMatchers,
} from "./matchers.ts";

const now = new Date("2026-11-02T09:00:00.000Z");
/** Each receiver: its schema and its normalizer. A body either fails the schema or normalizes. */
const receivers = [
  ["alertmanager", alertmanagerWebhook, (b: never) => fromAlertmanagerWebhook(b)],
  ["postable", postableAlerts, (b: never) => fromPostableAlerts(b, now)],
  ["grafana", grafanaWebhook, (b: never) => fromGrafanaWebhook(b)],
  ["pagerduty", pagerDutyEvent, (b: never) => [fromPagerDutyEvent(b)]],
  ["generic", genericAlert, (b: never) => [fromGenericAlert(b)]],
] as const;

const labels = fc.dictionary(fc.string({ minLength: 1, maxLength: 20 }), fc.string({ maxLength: 30 }), {
  maxKeys: 8,
});
/** Bodies close to valid ones, so the normalizers run often, not just the schema's refusal. */
const nearAlertmanager = fc.record({
  version: fc.constantFrom("4", "3", 4),
  groupKey: fc.string(),
  status: fc.constantFrom("firing", "resolved", "weird"),
  alerts: fc.array(
    fc.record({
      status: fc.constantFrom("firing", "resolved"),
      labels,
      annotations: labels,
      startsAt: fc.oneof(
        fc.string(),
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      ),
      endsAt: fc.constantFrom("0001-01-01T00:00:00Z", "2026-11-02T08:00:00Z", "garbage"),
      generatorURL: fc.oneof(fc.webUrl(), fc.string()),
      fingerprint: fc.string({ maxLength: 20 }),
    }),
    { maxLength: 5 },
  ),
});

describe("receiver parsers (property)", () => {
  for (const [name, schema, normalize] of receivers) {
    it(`${name}: any JSON either fails validation with issues or normalizes, never throws`, () => {
      fc.assert(
        fc.property(fc.oneof(fc.jsonValue(), nearAlertmanager, fc.array(fc.record({ labels }))), (body) => {
          const parsed = schema.safeParse(body);
          if (!parsed.success) {
            assert.ok(parsed.error.issues.length > 0);
            return;
          }
          for (const a of normalize(parsed.data as never)) {
            assert.ok(a.fingerprint.length > 0);
            assert.ok(["firing", "resolved", "acknowledge"].includes(a.action));
            assert.ok(a.startsAt === null || !Number.isNaN(Date.parse(a.startsAt)));
            for (const l of a.links) assert.match(l.url, /^https?:\/\//i);
          }
        }),
        { numRuns: 300 },
      );
    });
  }

  it("refuses an unknown Alertmanager webhook version with a clear message", () => {
    const r = alertmanagerWebhook.safeParse({ version: "5", groupKey: "", status: "firing", alerts: [] });
    assert.ok(!r.success);
    assert.match(r.error.issues[0]?.message ?? "", /version "4"/);
  });

  it("refuses label sets beyond the limits", () => {
    const huge = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`l${i}`, "v"]));
    assert.ok(!postableAlerts.safeParse([{ labels: huge }]).success);
    assert.ok(!postableAlerts.safeParse([{ labels: { a: "x".repeat(5000) } }]).success);
  });
});

const labelName = fc.oneof(
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/),
  // Valid label names that are also Object.prototype's: a label the alert lacks must still be empty.
  fc.constantFrom("constructor", "toString", "__proto__", "valueOf", "hasOwnProperty"),
);
const matcher: fc.Arbitrary<Matcher> = fc.record({
  name: labelName,
  op: fc.constantFrom(...matchOps),
  value: fc.string({ maxLength: 12 }).filter((v) => {
    try {
      new RegExp(`^(?:${v})$`, "u");
      return true;
    } catch {
      return false;
    }
  }),
});

describe("matchers (property)", () => {
  it("format then parse gives the same matcher", () => {
    fc.assert(
      fc.property(matcher, (m) => {
        const back = parseMatcher(formatMatcher(m));
        assert.ok(back.ok, formatMatcher(m));
        assert.deepEqual(back.value, { ...m });
      }),
    );
  });

  it("a set in braces is the list of its matchers", () => {
    fc.assert(
      fc.property(fc.array(matcher, { minLength: 1, maxLength: 4 }), (ms) => {
        const set = parseMatchers(`{${ms.map(formatMatcher).join(", ")}}`);
        assert.ok(set.ok);
        assert.deepEqual(
          set.value,
          ms.map((m) => ({ ...m })),
        );
      }),
    );
  });

  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const r = parseMatchers(text);
        if (r.ok) compileMatchers(r.value)({});
      }),
      { numRuns: 500 },
    );
  });

  it("= and != are opposites, and so are =~ and !~", () => {
    fc.assert(
      fc.property(labelName, fc.string({ maxLength: 8 }), labels, (name, value, ls) => {
        const test = (op: Matcher["op"], v: string) => compileMatchers([{ name, op, value: v }])(ls);
        assert.equal(test("=", value), !test("!=", value));
        const re = value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        assert.equal(test("=~", re), !test("!~", re));
        assert.equal(test("=~", re), test("=", value), "an escaped regex matches exactly its text");
        const own = Object.hasOwn(ls, name) ? ls[name] : undefined;
        assert.equal(test("=", ""), (own ?? "") === "", "a missing label is the empty string");
      }),
    );
  });

  it("treats a missing label as empty, as Alertmanager does", () => {
    const r = parseMatchers(['severity!="critical"', 'team=~""']);
    assert.ok(r.ok);
    assert.equal(compileMatchers(r.value)({ alertname: "X" }), true);
    assert.ok(!parseMatcher('a=~"("').ok, "an invalid regex is refused");
    assert.ok(!parseMatcher("1abc=x").ok, "a label name cannot start with a digit");
    const inherited = parseMatchers(['constructor=~".+"']);
    assert.ok(inherited.ok);
    assert.equal(compileMatchers(inherited.value)({}), false, "Object.prototype's members are no labels");
  });
});
