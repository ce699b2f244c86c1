import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { adjacency, findCycles, type Step, walk } from "./graph.ts";

const steps = (pairs: [string, string][]): Step[] =>
  pairs.map(([node, next]) => ({ node, next, relation: "dependsOn" }));

describe("graph", () => {
  it("walks breadth first, each node once at its smallest depth, up to the limit", async () => {
    const g = adjacency(
      steps([
        ["a", "b"],
        ["b", "c"],
        ["a", "c"],
        ["c", "d"],
        ["d", "e"],
      ]),
    );
    const w = await walk("a", 2, g);
    assert.deepEqual(w.reached, [
      { key: "b", depth: 1 },
      { key: "c", depth: 1 },
      { key: "d", depth: 2 },
    ]);
    assert.equal(w.truncated, true);
    const all = await walk("a", 10, g);
    assert.equal(all.reached.length, 4);
    assert.equal(all.truncated, false);
  });

  it("terminates on cycles and reports them", async () => {
    const edges = steps([
      ["a", "b"],
      ["b", "c"],
      ["c", "a"],
      ["c", "d"],
      ["d", "d"],
    ]);
    const w = await walk("a", 50, adjacency(edges));
    assert.deepEqual(
      w.reached.map((r) => r.key),
      ["b", "c", "d"],
    );
    const cycles = findCycles(w.steps.map((s) => ({ from: s.node, to: s.next })));
    assert.deepEqual(cycles, [["a", "b", "c"], ["d"]]);
  });

  it("finds cycles in a long chain without overflowing the stack", () => {
    const n = 200_000;
    const edges = Array.from({ length: n }, (_, i) => ({ from: `n${i}`, to: `n${(i + 1) % n}` }));
    const cycles = findCycles(edges);
    assert.equal(cycles.length, 1);
    assert.equal(cycles[0]?.length, n);
  });
});
