import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { breakdownRows, drillDown } from "./breakdown.ts";
import {
  addDays,
  eachDay,
  last30Days,
  monthRange,
  periodLabel,
  quarterOf,
  recentPeriods,
  wholeMonthOf,
} from "./dates.ts";
import { formatMoney, shareOf, sumAmounts } from "./format.ts";
import { costView, dailyViewQuery, parseBudgetSearch, parseCostSearch, parseRangeSearch } from "./search.ts";
import { describeIssue } from "./upload.ts";

describe("breakdownRows", () => {
  it("adds the unallocated part the API reports apart, so the rows sum to the total", () => {
    const rows = breakdownRows({
      currency: "USD",
      total: "100.30",
      unallocated: "0.10",
      rows: [
        { key: "payments", amount: "60.1" },
        { key: "search", amount: "40.1" },
      ],
    });
    assert.deepEqual(rows.at(-1), { key: null, amount: "0.1", unallocated: true });
    assert.equal(sumAmounts(rows.map((r) => r.amount)), "100.3");
  });

  it("keeps an unallocated row the API already lists, without adding a second one", () => {
    const rows = breakdownRows({
      currency: "USD",
      total: "5",
      unallocated: "2",
      rows: [
        { key: "a", amount: "3" },
        { key: "(unallocated)", amount: "2" },
      ],
    });
    assert.deepEqual(
      rows.map((r) => r.unallocated),
      [false, true],
    );
  });

  it("adds nothing when the unallocated amount is zero", () => {
    const rows = breakdownRows({
      currency: "USD",
      total: "3",
      unallocated: "0",
      rows: [{ key: "a", amount: "3" }],
    });
    assert.equal(rows.length, 1);
  });
});

describe("drill-down", () => {
  it("filters by the clicked key and goes one level deeper; tags have no drill-down", () => {
    assert.deepEqual(drillDown("team"), { filter: "team", next: "service" });
    assert.deepEqual(drillDown("serviceName"), { filter: "serviceName", next: "region" });
    assert.equal(drillDown("tag:cost-center"), undefined);
  });
});

describe("explorer search parameters", () => {
  it("keeps valid values and drops malformed ones", () => {
    const parsed = parseCostSearch({
      from: "2026-10-01",
      to: "2026-11-01",
      metric: "listCost",
      groupBy: "tag:cost-center",
      team: " payments ",
      region: "",
      currency: "EUR",
    });
    assert.equal(parsed.from, "2026-10-01");
    assert.equal(parsed.metric, "listCost");
    assert.equal(parsed.groupBy, "tag:cost-center");
    assert.equal(parsed.team, "payments");
    assert.equal(parsed.region, undefined);
    assert.equal(parsed.currency, "EUR");
    const bad = parseCostSearch({
      from: "2026-13-45",
      to: "x",
      metric: "cheapest",
      groupBy: "owner; drop",
      currency: "euro",
    });
    assert.deepEqual(
      [bad.from, bad.to, bad.metric, bad.groupBy, bad.currency],
      [undefined, undefined, undefined, undefined, undefined],
    );
  });

  it("drops a range whose end is not after its start", () => {
    assert.deepEqual(parseRangeSearch({ from: "2026-10-05", to: "2026-10-05" }), {});
  });

  it("defaults to the last 30 days, effective cost, by team", () => {
    const view = costView({}, "2026-11-22");
    assert.deepEqual(
      [view.from, view.to, view.metric, view.groupBy],
      ["2026-10-24", "2026-11-23", "effectiveCost", "team"],
    );
    assert.equal(eachDay(view.from, view.to).length, 30);
  });

  it("asks the daily endpoint for the total when grouping by a tag (it splits by dimensions only)", () => {
    const view = costView({ groupBy: "tag:owner", team: "a" }, "2026-11-22");
    assert.equal(dailyViewQuery(view).groupBy, undefined);
    assert.equal(dailyViewQuery(view).team, "a");
  });
});

describe("dates", () => {
  it("turns a month into an exclusive range and back, across the year end", () => {
    assert.deepEqual(monthRange("2026-12"), { from: "2026-12-01", to: "2027-01-01" });
    assert.equal(wholeMonthOf({ from: "2026-02-01", to: "2026-03-01" }), "2026-02");
    assert.equal(wholeMonthOf({ from: "2026-02-01", to: "2026-02-28" }), undefined);
    assert.deepEqual(last30Days("2026-03-01"), { from: "2026-01-31", to: "2026-03-02" });
    assert.equal(addDays("2024-02-28", 1), "2024-02-29");
  });
});

describe("money", () => {
  it("sums decimal strings exactly and formats by currency", () => {
    assert.equal(sumAmounts(["0.1", "0.2"]), "0.3");
    assert.equal(sumAmounts(["0.000000001", "-0.000000001"]), "0");
    assert.equal(
      formatMoney("1234.5", "USD").replace(/\s/g, " "),
      new Intl.NumberFormat(undefined, { style: "currency", currency: "USD" })
        .format(1234.5)
        .replace(/\s/g, " "),
    );
    assert.equal(
      formatMoney("5", null),
      new Intl.NumberFormat(undefined, { minimumFractionDigits: 2 }).format(5),
    );
    assert.equal(shareOf("1", "3"), Number((1 / 3).toPrecision(12)));
    assert.equal(shareOf("1", "0"), 0);
  });
});

describe("import issues", () => {
  it("names the file and row where the server gives them", () => {
    assert.equal(
      describeIssue({ file: "a.csv", row: 12, column: "BilledCost", message: "not a decimal" }),
      "a.csv row 12 (BilledCost): not a decimal",
    );
    assert.equal(describeIssue({ path: "file", message: "a.csv row 3: bad" }), "a.csv row 3: bad");
    assert.equal(describeIssue({ path: "filename", message: "required" }), "filename: required");
  });
});

describe("budget periods", () => {
  it("offers the last six months and the last three quarters, newest first", () => {
    assert.deepEqual(recentPeriods("2026-02-14"), [
      "2026-02",
      "2026-01",
      "2025-12",
      "2025-11",
      "2025-10",
      "2025-09",
      "2026-Q1",
      "2025-Q4",
      "2025-Q3",
    ]);
    assert.equal(quarterOf("2026-12"), "2026-Q4");
    assert.equal(periodLabel("2026-Q4"), "Q4 2026");
    assert.deepEqual(parseBudgetSearch({ period: "2026-Q5" }), {});
    assert.deepEqual(parseBudgetSearch({ period: "2026-Q2" }), { period: "2026-Q2" });
  });
});
