import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Counts, sumBlock } from "./buckets.ts";
import {
  burnRate,
  cappedFactor,
  errorBudget,
  evaluateCondition,
  sliOf,
  timeToExhaustionSeconds,
} from "./math.ts";

const counts = (good: number, total: number): Counts => ({
  good,
  total,
  goodSlices: 0,
  slices: 0,
  minutes: 1,
});
const close = (a: number | null, b: number, eps = 1e-9) =>
  assert.ok(a !== null && Math.abs(a - b) < eps, `${a} vs ${b}`);

describe("SLO formulas (hand-computed)", () => {
  it("SLI and error budget of occurrences", () => {
    // 999 of 1000 good: SLI 0.999. Objective 0.99 allows 1% of 1000 = 10 bad; 1 consumed, 9/10 left.
    close(sliOf(counts(999, 1000), "Occurrences"), 0.999);
    assert.deepEqual(errorBudget(counts(999, 1000), "Occurrences", 0.99), {
      total: 10,
      consumed: 1,
      remaining: 0.9,
    });
    // 25 bad of 1000 with the same objective: 25 / 10 consumed, 150% over.
    assert.deepEqual(errorBudget(counts(975, 1000), "Occurrences", 0.99), {
      total: 10,
      consumed: 25,
      remaining: -1.5,
    });
    assert.equal(sliOf(counts(0, 0), "Occurrences"), null);
    assert.equal(errorBudget(counts(0, 0), "Occurrences", 0.99).remaining, null);
  });

  it("burn rate is the error ratio over the allowed error ratio", () => {
    // 6000 events in an hour, 6 bad: error 0.001 = exactly the 99.9% budget: burn 1.
    close(burnRate(counts(5994, 6000), "Occurrences", 0.999), 1);
    // 72 bad of 6000: 0.012 / 0.001 = 12.
    close(burnRate(counts(5928, 6000), "Occurrences", 0.999), 12);
    assert.equal(burnRate(counts(0, 0), "Occurrences", 0.999), null);
  });

  it("time to exhaustion: the remaining fraction of a window's budget at the current burn", () => {
    // Half the budget left, burning at 2 on a 30-day window: 0.5 * 30 d / 2 = 7.5 d = 648,000 s.
    assert.equal(timeToExhaustionSeconds(0.5, 2, 30 * 86_400_000), 648_000);
    assert.equal(timeToExhaustionSeconds(-0.1, 2, 30 * 86_400_000), 0, "already exhausted");
    assert.equal(timeToExhaustionSeconds(0.5, 0, 30 * 86_400_000), null, "nothing burns");
  });

  it("caps burn factors so that low objectives can still fire", () => {
    // Objective 0.9: the worst possible burn is 1 / 0.1 = 10, so 14.4 becomes 10; 0.999 keeps 14.4.
    close(cappedFactor(14.4, 0.9), 10);
    assert.equal(cappedFactor(14.4, 0.999), 14.4);
    const outage = {
      "1h": burnRate(counts(0, 600), "Occurrences", 0.9),
      "5m": burnRate(counts(0, 50), "Occurrences", 0.9),
    };
    const r = evaluateCondition({ long: "1h", short: "5m", factor: 14.4 }, outage, 600, 0.9, 100);
    assert.equal(r.firing, true, "a total outage pages even at objective 0.9");
  });

  it("needs both windows above the factor and enough events in the long window", () => {
    const c = { long: "1h", short: "5m", factor: 14.4 };
    assert.equal(evaluateCondition(c, { "1h": 20, "5m": 10 }, 5000, 0.999, 100).firing, false, "short below");
    assert.equal(evaluateCondition(c, { "1h": 20, "5m": 20 }, 5000, 0.999, 100).firing, true);
    assert.equal(
      evaluateCondition(c, { "1h": 20, "5m": 20 }, 99, 0.999, 100).firing,
      false,
      "99 events < minEvents 100",
    );
    assert.equal(
      evaluateCondition(c, { "1h": null, "5m": 20 }, 5000, 0.999, 100).firing,
      false,
      "no data never pages",
    );
  });

  it("timeslices: a slice is good when its ratio reaches the target; ratio timeslices average", () => {
    const block = [[10, 10], [9, 10], [10, 10], [5, 10], ...Array(56).fill(null)] as Parameters<
      typeof sumBlock
    >[0];
    // 1-minute slices, target 0.95: 1.0 good, 0.9 bad, 1.0 good, 0.5 bad -> 2 of 4.
    const one = sumBlock(block, { target: 0.95, minutes: 1 });
    assert.deepEqual([one.goodSlices, one.slices], [2, 4]);
    close(sliOf(one, "Timeslices"), 0.5);
    // 2-minute slices: 19/20 = 0.95 good, 15/20 = 0.75 bad -> 1 of 2.
    const two = sumBlock(block, { target: 0.95, minutes: 2 });
    assert.deepEqual([two.goodSlices, two.slices], [1, 2]);
    // RatioTimeslices: the mean of 1, 0.9, 1, 0.5 = 0.85.
    close(sliOf(sumBlock(block, { target: 0, minutes: 1, ratio: true }), "RatioTimeslices"), 0.85);
    // Budget in slices: objective 0.9 over 4 slices allows 0.4 bad slices; 2 consumed -> 1 - 2/0.4 = -4.
    const b = errorBudget(one, "Timeslices", 0.9);
    assert.deepEqual([b.total, b.consumed], [0.4, 2]);
    close(b.remaining, -4);
  });

  it("an excluded minute counts as data but not in the SLI", () => {
    const block = [[10, 10], [0, 10, 1], ...Array(58).fill(null)] as Parameters<typeof sumBlock>[0];
    const c = sumBlock(block, { target: 0, minutes: 1 });
    assert.deepEqual([c.good, c.total, c.minutes], [10, 10, 2]);
  });
});
