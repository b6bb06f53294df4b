import { describe, expect, it } from "vitest";
import { parseSrbCounts, type SrbCounts } from "./parse-srb-counts.ts";

function parseOk(text: string | Uint8Array): SrbCounts {
  const result = parseSrbCounts(text);
  if (!result.ok) throw new Error(`expected a parse, got ${result.reason}`);
  return result.value;
}

describe("parseSrbCounts", () => {
  it("reads the required columns case-insensitively with trimmed names and keeps other columns", () => {
    const counts = parseOk(" Region ,note,PERIOD,Birth_Order , boys,girls\n370406101,x,2024,1,520,480\n");
    expect(counts.header).toEqual(["Region", "note", "PERIOD", "Birth_Order", "boys", "girls"]);
    expect(counts.rows).toEqual([
      {
        line: 2,
        fields: ["370406101", "x", "2024", "1", "520", "480"],
        region: "370406101",
        period: "2024",
        birthOrder: "1",
        boys: 520,
        girls: 480,
      },
    ]);
    expect(counts.problems).toEqual([]);
  });

  it("accepts a UTF-8 byte-order mark, CRLF line ends, blank lines and full-width digits", () => {
    const bytes = new TextEncoder().encode("\uFEFFregion,period,birth_order,boys,girls\r\n\r\n店子镇,2024-01,3+,１２,８\r\n");
    const counts = parseOk(bytes);
    expect(counts.header[0]).toBe("region");
    expect(counts.rows[0]).toMatchObject({ line: 3, region: "店子镇", birthOrder: "3+", boys: 12, girls: 8 });
  });

  it("reports malformed rows with line and field, skips them, and keeps the rest", () => {
    const counts = parseOk(
      [
        "region,period,birth_order,boys,girls,note",
        "a,2024,1,10,9,ok",
        "b,2024,1,3.5,4,frac",
        "c,2024,1,-2,4,neg",
        "d,2024,1,,4,empty",
        "e,2024,1,5,4",
        "f,2024,1,5,4,x,extra",
        ",2024,1,5,4,no region",
        "g,2024,1,abc,-1,two",
        "h,2024,2,7,8,ok",
      ].join("\n"),
    );
    expect(counts.rows.map((row) => row.region)).toEqual(["a", "h"]);
    expect(counts.problems.map(({ line, field, code }) => [line, field, code])).toEqual([
      [3, "boys", "count_not_integer"],
      [4, "boys", "count_negative"],
      [5, "boys", "missing_value"],
      [6, "note", "missing_field"],
      [7, "column 7", "extra_field"],
      [8, "region", "missing_value"],
      [9, "boys", "count_not_integer"],
      [9, "girls", "count_negative"],
    ]);
    expect(counts.problems[0]!.value).toBe("3.5");
    expect(counts.problems[0]!.message.zh).toContain("非负整数");
  });

  it("numbers a row after a quoted multi-line field by the line it starts on", () => {
    const counts = parseOk('region,period,birth_order,boys,girls,note\na,2024,1,1,2,"line one\nline two"\nb,2024,1,x,2,z\n');
    expect(counts.rows[0]!.line).toBe(2);
    expect(counts.problems[0]!.line).toBe(4);
  });

  it("keeps a stray quote inside an unquoted field as text", () => {
    const counts = parseOk('region,period,birth_order,boys,girls,note\na,2024,1,1,2,=HYPERLINK("x")\n');
    expect(counts.rows[0]!.fields[5]).toBe('=HYPERLINK("x")');
  });

  it.each([
    ["", "empty_file"],
    ["region,period,boys,girls\na,1,2,3\n", "missing_columns"],
    ["region,period,birth_order,boys,Boys,girls\n", "duplicate_columns"],
    ['region,period,birth_order,boys,girls\n"a,2024,1,2,3\n', "csv_syntax"],
  ])("fails the whole file for %j with %s", (text, reason) => {
    const result = parseSrbCounts(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toBe(reason);
  });

  it("names the missing columns", () => {
    const result = parseSrbCounts("region,period,boys\n");
    expect(result).toMatchObject({ ok: false, reason: "missing_columns", detail: "birth_order,girls" });
  });
});
