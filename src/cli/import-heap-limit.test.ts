import { describe, expect, it } from "vitest";
import { importHeapFlags } from "./import-heap-limit.ts";

describe("importHeapFlags", () => {
  it("limits the heap of a CSV import", () => {
    expect(importHeapFlags(["import", "--source", "hukou", "户籍.csv"], [], {})).toEqual(["--max-old-space-size=256"]);
    expect(importHeapFlags(["import", "--source", "hukou", "户籍.csv"], [], { RENKOU_IMPORT_HEAP_MB: "384" })).toEqual(["--max-old-space-size=384"]);
  });

  it("leaves other commands, XLSX files, a heap already limited, and RENKOU_IMPORT_HEAP_MB=0 alone", () => {
    expect(importHeapFlags(["start"], [], {})).toBeUndefined();
    expect(importHeapFlags(["import", "--source", "delivery", "分娩.XLSX"], [], {})).toBeUndefined();
    expect(importHeapFlags(["import", "a.csv"], ["--max-old-space-size=1024"], {})).toBeUndefined();
    expect(importHeapFlags(["import", "a.csv"], [], { NODE_OPTIONS: "--max-old-space-size=2048" })).toBeUndefined();
    expect(importHeapFlags(["import", "a.csv"], [], { RENKOU_IMPORT_HEAP_MB: "0" })).toBeUndefined();
    expect(importHeapFlags(["import", "a.csv"], [], { RENKOU_IMPORT_HEAP_MB: "lots" })).toBeUndefined();
  });
});
