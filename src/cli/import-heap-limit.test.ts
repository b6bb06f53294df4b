import { describe, expect, it } from "vitest";
import { importedFile, importHeapFlags } from "./import-heap-limit.ts";

const MB = 2 ** 20;
const sized = (bytes: number) => () => bytes;

describe("importedFile", () => {
  it("finds the FILE operand among the flags and their values", () => {
    expect(importedFile(["import", "--source", "hukou", "--map", "证件=id_number", "户籍.csv", "--json"])).toBe("户籍.csv");
    expect(importedFile(["import", "户籍.csv", "--data-dir", "d"])).toBe("户籍.csv");
    expect(importedFile(["import", "--source", "hukou"])).toBeUndefined();
  });
});

describe("importHeapFlags", () => {
  it("limits a CSV import's heap by the file's size", () => {
    expect(importHeapFlags(["import", "--source", "hukou", "户籍.csv"], [], {}, sized(0))).toEqual(["--max-old-space-size=192"]);
    // The 1M-row benchmark file (111 MB): about 248 MB.
    expect(importHeapFlags(["import", "--source", "hukou", "户籍.csv"], [], {}, sized(111 * MB))).toEqual(["--max-old-space-size=248"]);
    expect(importHeapFlags(["import", "a.csv"], [], { RENKOU_IMPORT_HEAP_MB: "384" }, sized(MB))).toEqual(["--max-old-space-size=384"]);
  });

  it("leaves other commands, XLSX files, unreadable files, a heap already limited, and RENKOU_IMPORT_HEAP_MB=0 alone", () => {
    expect(importHeapFlags(["start"], [], {}, sized(MB))).toBeUndefined();
    expect(importHeapFlags(["import", "--source", "delivery", "分娩.XLSX"], [], {}, sized(MB))).toBeUndefined();
    expect(importHeapFlags(["import", "missing.csv"], [], {}, () => undefined)).toBeUndefined();
    expect(importHeapFlags(["import", "a.csv"], ["--max-old-space-size=1024"], {}, sized(MB))).toBeUndefined();
    expect(importHeapFlags(["import", "a.csv"], [], { NODE_OPTIONS: "--max-old-space-size=2048" }, sized(MB))).toBeUndefined();
    expect(importHeapFlags(["import", "a.csv"], [], { RENKOU_IMPORT_HEAP_MB: "0" }, sized(MB))).toBeUndefined();
    expect(importHeapFlags(["import", "a.csv"], [], { RENKOU_IMPORT_HEAP_MB: "lots" }, sized(MB))).toBeUndefined();
  });
});
