import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseInput } from "../../platform/validation.ts";
import { policySpec } from "./escalation.schema.ts";
import { firstStepDue, nextStep, type StepRef, schedulesOf } from "./policy.ts";

const spec = parseInput(policySpec, {
  levels: [
    { afterMinutes: 1, targets: ["schedule:primary"] },
    { afterMinutes: 5, targets: ["schedule:secondary", "user:lead"] },
    { afterMinutes: 0.25, targets: ["team:sre", "schedule:primary"] },
  ],
  repeat: 1,
  repeatAfterMinutes: 10,
});
const t0 = new Date("2026-11-02T09:00:00.000Z");
const at = (ms: number) => new Date(t0.getTime() + ms).toISOString();

describe("the walk through levels and rounds", () => {
  it("goes level by level, then repeats from level 0, then ends", () => {
    const walk: string[] = [];
    let step: StepRef | null = { cycle: 1, level: 0, repeat: 0 };
    let fired = firstStepDue(spec, t0);
    while (step) {
      walk.push(`${step.level}/${step.repeat} ${fired.toISOString()}`);
      const next = nextStep(spec, step, fired);
      step = next?.step ?? null;
      fired = next?.dueAt ?? fired;
    }
    assert.deepEqual(walk, [
      `0/0 ${at(60_000)}`,
      `1/0 ${at(6 * 60_000)}`,
      `2/0 ${at(6 * 60_000 + 15_000)}`,
      // The next round starts 10 minutes after the last level; its level 0 waits its own minute.
      `0/1 ${at(17 * 60_000 + 15_000)}`,
      `1/1 ${at(22 * 60_000 + 15_000)}`,
      `2/1 ${at(22 * 60_000 + 30_000)}`,
    ]);
  });

  it("counts a level the policy no longer has as past the last one", () => {
    assert.equal(nextStep({ ...spec, repeat: 0 }, { cycle: 1, level: 7, repeat: 0 }, t0), null);
  });

  it("names the schedules once each, in order", () => {
    assert.deepEqual(schedulesOf(spec), ["primary", "secondary"]);
  });

  it("allows minutes to two decimals only", () => {
    const r = policySpec.safeParse({ levels: [{ afterMinutes: 0.125, targets: ["user:a"] }] });
    assert.equal(r.success, false);
  });
});
