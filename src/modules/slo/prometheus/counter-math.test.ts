import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { counterIncrease, extrapolatedIncrease, minuteIncrements } from "./counter-math.ts";

const m = (minutes: number, seconds = 0) => Date.UTC(2026, 10, 2, 9, minutes, seconds);

describe("counter arithmetic", () => {
  it("counts a drop as a restart from zero", () => {
    assert.equal(
      counterIncrease([
        { t: 0, v: 10 },
        { t: 1, v: 15 },
        { t: 2, v: 4 },
        { t: 3, v: 6 },
      ]),
      5 + 4 + 2,
    );
  });

  it("extrapolates like Prometheus: to the edge when close, half an interval when not, never below zero", () => {
    // Samples every 10 s from 5 s into a 60 s window to 55 s: 5 s to each edge (< 1.1 * 10 s), so the
    // growth over 50 s (50) is stretched to 60 s.
    const steady = [0, 1, 2, 3, 4, 5].map((i) => ({ t: 5_000 + i * 10_000, v: 100 + i * 10 }));
    assert.equal(extrapolatedIncrease(steady, 0, 60_000), 60);
    // Far from the end (35 s > 11 s): only half an interval (5 s) is added there.
    assert.equal(extrapolatedIncrease(steady, 0, 90_000), 50 * (60 / 50));
    // A counter that started at 10 with growth 10 per 10 s reached zero 10 s before its first sample:
    // the start is extrapolated by 10 s, not by the 30 s to the window's edge.
    const young = [0, 1, 2].map((i) => ({ t: 30_000 + i * 10_000, v: 10 + i * 10 }));
    assert.equal(extrapolatedIncrease(young, 0, 50_000), 20 * ((20 + 10 + 0) / 20));
    assert.equal(extrapolatedIncrease([{ t: 0, v: 1 }], 0, 1), null);
  });

  it("turns samples into exact events per minute, leaving minutes without samples out", () => {
    const series = [
      {
        labels: { code: "200" },
        samples: [
          { t: m(0, 50), v: 100 },
          { t: m(1, 10), v: 110 },
          { t: m(1, 40), v: 125 },
          // 09:02 has no sample: a gap. 09:03 brings a restart.
          { t: m(3, 5), v: 3 },
          { t: m(3, 35), v: 9 },
        ],
      },
      {
        labels: { code: "500" },
        samples: [
          { t: m(1, 20), v: 7 },
          { t: m(3, 20), v: 8 },
        ],
      },
    ];
    const { increments, observed } = minuteIncrements(series, m(1), m(4));
    assert.deepEqual([...observed].sort(), [m(1), m(3)]);
    // 09:01: 10 + 15 from the 200s; the 500 series' first sample is its baseline.
    assert.equal(increments.get(m(1)), 25);
    assert.equal(increments.get(m(2)), undefined);
    // 09:03: the restart counts 3, then 6 more; the 500 series grew by 1.
    assert.equal(increments.get(m(3)), 3 + 6 + 1);
  });
});
