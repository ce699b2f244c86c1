import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { csvField, csvFileName, neutralizeFormula, toCsv } from "./csv.ts";

describe("toCsv (RFC 4180)", () => {
  it("writes a header and CRLF-terminated records", () => {
    assert.equal(
      toCsv(
        ["Team", "Cost"],
        [
          ["payments", "1234.50"],
          ["search", "0.0001"],
        ],
      ),
      "Team,Cost\r\npayments,1234.50\r\nsearch,0.0001\r\n",
    );
  });

  it("quotes fields with commas, quotes and line breaks, doubling quotes", () => {
    assert.equal(csvField("a,b"), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField("two\nlines"), '"two\nlines"');
    assert.equal(csvField("cr\r\nlf"), '"cr\r\nlf"');
    assert.equal(csvField("plain"), "plain");
  });

  it("writes null and undefined as empty fields, numbers and booleans as text", () => {
    assert.equal(toCsv(["a", "b", "c", "d"], [[null, undefined, 42, false]]), "a,b,c,d\r\n,,42,false\r\n");
  });

  it("round-trips through a strict RFC 4180 parser", () => {
    const rows = [
      ["=cmd|'/C calc'!A0", "x,y", 'q"uote', "line\nbreak", "-12.50", "@SUM(A1)", ""],
      ["+1", "-", "ok", "é ü 中", "1e3", "\tTab", "-0.5"],
    ];
    const parsed = parseCsv(toCsv(["1", "2", "3", "4", "5", "6", "7"], rows));
    assert.deepEqual(parsed[0], ["1", "2", "3", "4", "5", "6", "7"]);
    assert.deepEqual(parsed[1], [
      "'=cmd|'/C calc'!A0",
      "x,y",
      'q"uote',
      "line\nbreak",
      "-12.50",
      "'@SUM(A1)",
      "",
    ]);
    assert.deepEqual(parsed[2], ["+1", "'-", "ok", "é ü 中", "1e3", "'\tTab", "-0.5"]);
    assert.equal(parsed.length, 3);
  });
});

describe("formula injection guard", () => {
  it("prefixes an apostrophe to cells a spreadsheet would run as a formula", () => {
    for (const cell of [
      "=1+1",
      "+A1",
      "-A1",
      "@SUM(A1:A2)",
      '=HYPERLINK("http://x")',
      "\tx",
      "\rx",
      "-",
      "--1",
    ])
      assert.equal(neutralizeFormula(cell), `'${cell}`, cell);
  });

  it("keeps plain numbers, negative ones included, and ordinary text", () => {
    for (const cell of [
      "-12.50",
      "-0.0001",
      "+3",
      "-1e-5",
      "-.5",
      "12",
      "payments",
      "a=b",
      "user@example.com",
      "",
    ])
      assert.equal(neutralizeFormula(cell), cell, cell);
  });

  it("guards before quoting, so the apostrophe ends up inside the quotes", () => {
    assert.equal(csvField('=A1,"x"'), `"'=A1,""x"""`);
  });
});

describe("csvFileName", () => {
  it("joins parts and replaces characters file systems refuse", () => {
    assert.equal(
      csvFileName("cost-breakdown", "tag:cost/center", "2026-10-01"),
      "cost-breakdown-tag-cost-center-2026-10-01.csv",
    );
    assert.equal(csvFileName("", "   "), "export.csv");
  });
});

/** A strict RFC 4180 reader: the test's independent check that quoting is right. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"') {
      assert.equal(field, "", "a quote inside an unquoted field");
      quoted = true;
      i++;
    } else if (c === ",") {
      record.push(field);
      field = "";
      i++;
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 2;
    } else {
      assert.ok(c !== "\n" && c !== "\r", "a bare line break outside quotes");
      field += c;
      i++;
    }
  }
  assert.equal(quoted, false, "unterminated quote");
  assert.deepEqual(record, [], "the last record lacks its CRLF");
  assert.equal(field, "");
  return records;
}
