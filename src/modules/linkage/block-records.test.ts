import { describe, expect, it } from "vitest";
import { blockRecords, estimateRulePairs, NO_BLOCK } from "./block-records.ts";
import { parseBlockingRule } from "./blocking-rule.ts";
import type { FieldSpec } from "./model.ts";
import { prepareLinkInput, type PreparedInput } from "./prepare-link-input.ts";

const FIELDS: FieldSpec[] = [
  { name: "姓名", leftColumn: "姓名", rightColumn: "姓名", type: "zh_name" },
  { name: "dob", leftColumn: "dob", rightColumn: "dob", type: "date" },
];

function prepare(left: string[][], right?: string[][]): PreparedInput {
  const source = (label: string, rows: string[][]) => ({ label, idColumn: "id", header: ["id", "姓名", "dob"], rows: rows.map((row, i) => [`${label}${i}`, ...row]) });
  const prepared = prepareLinkInput(source("l", left), right && source("r", right), FIELDS);
  if (!prepared.ok) throw new Error(prepared.en);
  return prepared.value;
}

function rule(text: string) {
  const parsed = parseBlockingRule(text, FIELDS);
  if (!parsed.ok) throw new Error(text);
  return parsed.value;
}

/** Records grouped by block, as sorted lists of rids (blocks' own numbers are arbitrary). */
function groups(blockOf: Int32Array): number[][] {
  const byBlock = new Map<number, number[]>();
  blockOf.forEach((block, rid) => {
    if (block !== NO_BLOCK) byBlock.set(block, [...(byBlock.get(block) ?? []), rid]);
  });
  return [...byBlock.values()].sort((a, b) => a[0]! - b[0]!);
}

describe("blockRecords", () => {
  const rows = [
    ["张伟", "19900101"],
    ["張偉", "19900101"],
    ["张玮", "1990-01-01"],
    ["李娜", "19900101"],
    ["张伟", ""],
    ["王芳", "19851212"],
  ];

  it("puts records agreeing on every key in one block and leaves out records that pair with nobody", () => {
    const input = prepare(rows);
    // 张伟 and 張偉 share the normalised name; 王芳 and 李娜 are alone on it.
    expect(groups(blockRecords(input, "dedupe", rule("姓名"), 1e9).blockOf)).toEqual([[0, 1, 4]]);
    expect(groups(blockRecords(input, "dedupe", rule("pinyin(姓名) & dob"), 1e9).blockOf)).toEqual([[0, 1, 2]]);
    expect(groups(blockRecords(input, "dedupe", rule("year(dob)"), 1e9).blockOf)).toEqual([[0, 1, 2, 3]]);
    expect(groups(blockRecords(input, "dedupe", rule("surname(姓名)"), 1e9).blockOf)).toEqual([[0, 1, 2, 4]]);
  });

  it("counts the pairs of each rule before any pair exists", () => {
    const input = prepare(rows);
    expect(estimateRulePairs(input, "dedupe", rule("姓名"))).toBe(3);
    expect(estimateRulePairs(input, "dedupe", rule("year(dob)"))).toBe(6);
    expect(blockRecords(input, "dedupe", rule("姓名 & dob"), 1e9)).toMatchObject({ estimatedPairs: 1, maxBlockSize: null, skippedPairs: 0 });
  });

  it("links: a block needs a record from each file, and its pairs are left × right", () => {
    const input = prepare(rows.slice(0, 3), rows.slice(3));
    const blocks = blockRecords(input, "link", rule("姓名"), 1e9);
    // 张伟, 張偉 (left) and 张伟 (right); 张玮 and the right's 李娜, 王芳 have no partner in the other file.
    expect(groups(blocks.blockOf)).toEqual([[0, 1, 4]]);
    expect(blocks.estimatedPairs).toBe(2);
  });

  it("caps an exploding rule by dropping its largest blocks, smallest first kept", () => {
    const many = [...Array.from({ length: 5 }, () => ["张伟", "19900101"]), ["李娜", "1"], ["李娜", "2"], ["王芳", "3"], ["王芳", "4"]];
    const input = prepare(many);
    const blocks = blockRecords(input, "dedupe", rule("姓名"), 5);
    expect(blocks).toMatchObject({ estimatedPairs: 12, maxBlockSize: 2, skippedPairs: 10 });
    expect(groups(blocks.blockOf)).toEqual([[5, 6], [7, 8]]);
    const none = blockRecords(input, "dedupe", rule("姓名"), 0);
    expect(none).toMatchObject({ maxBlockSize: 0, skippedPairs: 12 });
    expect(groups(none.blockOf)).toEqual([]);
  });

  it("compares prefixes by characters, as SQL's left() does, also beyond the BMP", () => {
    const input = prepare([["𠀀伟", "1"], ["𠀀玮", "1"], ["𠀁伟", "1"]]);
    expect(groups(blockRecords(input, "dedupe", rule("prefix(姓名, 1)"), 1e9).blockOf)).toEqual([[0, 1]]);
  });
});
