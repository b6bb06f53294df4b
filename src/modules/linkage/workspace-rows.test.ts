import { describe, expect, it } from "vitest";
import type { FieldSpec } from "./model.ts";
import { prepareLinkInput, type PreparedInput } from "./prepare-link-input.ts";
import { blockColumns, encodeBlockRows, encodeRecordRows, recordFeatureColumns, ROWS_PER_CHUNK } from "./workspace-rows.ts";

const FIELDS: FieldSpec[] = [
  { name: "姓名", leftColumn: "姓名", rightColumn: "姓名", type: "zh_name" },
  { name: "phone", leftColumn: "phone", rightColumn: "phone", type: "phone" },
];

function prepare(rows: string[][]): PreparedInput {
  const prepared = prepareLinkInput({ label: "x", idColumn: "id", header: ["id", "姓名", "phone"], rows }, undefined, FIELDS);
  if (!prepared.ok) throw new Error(prepared.en);
  return prepared.value;
}

/** Reads COPY text back: rows of cells, `\N` as null, escapes undone. */
function parseCopyText(text: string): Array<Array<string | null>> {
  const unescape = (cell: string) => (cell === "\\N" ? null : cell.replace(/\\(.)/g, (_, c: string) => ({ t: "\t", n: "\n", r: "\r", "\\": "\\" })[c] ?? c));
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => line.split("\t").map(unescape));
}

describe("encodeRecordRows", () => {
  const input = prepare([
    ["1", "张伟", "13800000001"],
    ["2", "张伟", ""],
    ["3", "", "tab\there"],
    ["4", "王\t芳\\", ""],
  ]);
  const tf = [Float64Array.from([1, Number.NaN, 0]), undefined];
  const columns = ["rid", "side", ...recordFeatureColumns(["zh_name", "phone"]).map((c) => c.name)];

  it("writes the same rows as COPY text and as JSON, in the table's column order", () => {
    const copy = parseCopyText([...encodeRecordRows(input, tf, Int32Array.from([0, 2, 3]), "copy")].join(""));
    const json = [...encodeRecordRows(input, tf, Int32Array.from([0, 2, 3]), "json")].flatMap((chunk) => JSON.parse(chunk) as Array<Record<string, unknown>>);
    expect(copy.map((cells) => cells.length)).toEqual([columns.length, columns.length, columns.length]);
    expect(json.map((row) => Object.keys(row))).toEqual([columns, columns, columns]);
    const asText = (value: unknown) => (value === null ? null : String(value));
    expect(json.map((row) => columns.map((c) => asText(row[c])))).toEqual(copy);
    expect(json[0]).toMatchObject({ rid: 0, side: 0, f0_raw: "张伟", f0_pinyin: "zhangwei", f0_tf: 1, f1_norm: "13800000001", f1_last8: "00000001" });
    // a blank name has no features and no term frequency; a tab in a value survives the text format
    expect(json[1]).toMatchObject({ rid: 2, f0_norm: null, f0_tf: null });
    expect(copy[1]![columns.indexOf("f1_norm")]).toBe(null);
    expect(copy[2]![columns.indexOf("f0_raw")]).toBe("王\t芳\\");
  });

  it("splits the rows into chunks", () => {
    const many = prepare(Array.from({ length: ROWS_PER_CHUNK + 5 }, (_, i) => [String(i), "李娜", ""]));
    const rids = Int32Array.from({ length: ROWS_PER_CHUNK + 5 }, (_, i) => i);
    const chunks = [...encodeRecordRows(many, [undefined, undefined], rids, "copy")];
    expect(chunks.map((chunk) => parseCopyText(chunk).length)).toEqual([ROWS_PER_CHUNK, 5]);
  });
});

describe("encodeBlockRows", () => {
  it("writes each record's block per rule, null where it has none", () => {
    const input = prepare([["1", "张伟", ""], ["2", "张伟", ""]]);
    const blocks = [Int32Array.from([4, -1]), Int32Array.from([7, 7])];
    expect(blockColumns(2).map((c) => c.name)).toEqual(["k0", "k1"]);
    expect([...encodeBlockRows(input, blocks, Int32Array.from([0, 1]), "copy")].join("")).toBe("0\t0\t4\t7\n1\t0\t\\N\t7\n");
    expect(JSON.parse([...encodeBlockRows(input, blocks, Int32Array.from([1]), "json")].join(""))).toEqual([{ rid: 1, side: 0, k0: null, k1: 7 }]);
  });
});
