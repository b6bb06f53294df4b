import { describe, expect, it } from "vitest";
import { formatBytes, isJobFinished, previewPartOf, stepPercent } from "./upload-progress.ts";
import type { RegistryImportJob } from "../../api/client.ts";

const MiB = 1024 * 1024;

function csvOf(bytes: number): Blob {
  const line = "张三,370402201902281234,2019-02-28,男\n";
  return new Blob([line.repeat(Math.ceil(bytes / Buffer.byteLength(line)))]);
}

describe("previewPartOf", () => {
  it("sends a small file whole", async () => {
    const file = csvOf(100_000);
    expect(await previewPartOf(file, "hukou.csv")).toBe(file);
  });

  it("cuts a large CSV after its last line break within the first MiB", async () => {
    const part = await previewPartOf(csvOf(5 * MiB), "hukou.CSV");
    expect(part.size).toBeLessThanOrEqual(MiB);
    expect(part.size).toBeGreaterThan(MiB - 100);
    const text = await part.text();
    expect(text.endsWith("\n")).toBe(true);
    expect(text.split("\n").at(-2)).toBe("张三,370402201902281234,2019-02-28,男");
  });

  it("never cuts an XLSX workbook", async () => {
    const file = csvOf(5 * MiB);
    expect(await previewPartOf(file, "hukou.xlsx")).toBe(file);
  });

  it("sends a large file without any line break whole", async () => {
    const file = new Blob([new Uint8Array(3 * MiB).fill(0x41)]);
    expect(await previewPartOf(file, "one-line.csv")).toBe(file);
  });
});

describe("stepPercent", () => {
  it.each([
    ["uploading", 50, 200, 25],
    ["reading", 199, 200, 99],
    ["reading", 0, 0, 0],
    ["done", 0, 0, 100],
    ["hashing", 300, 200, 100],
  ] as const)("%s at %i of %i bytes is %i%%", (step, done, total, percent) => {
    expect(stepPercent(step, done, total)).toBe(percent);
  });
});

describe("isJobFinished", () => {
  const job: RegistryImportJob = {
    id: "5f0c6f2e-3c1f-4b8e-9a57-2b7c0f7b3f11",
    sourceType: "hukou",
    fileName: "hukou.csv",
    startedAt: "2026-12-03T00:00:00.000Z",
    progress: { phase: "reading", rowsRead: 10, bytesRead: 100, bytesTotal: 1000 },
    result: null,
    failure: null,
  };

  it("is false while the job reads rows, and while it says done but has no result yet", () => {
    expect(isJobFinished(job)).toBe(false);
    expect(isJobFinished({ ...job, progress: { ...job.progress, phase: "done" } })).toBe(false);
  });

  it("is true once the job has its result or its failure", () => {
    const result = { batch: 7, status: "committed", rows: 4, accepted: 3, quarantined: 1, warnings: 0, errors_by_code: {} } as const;
    expect(isJobFinished({ ...job, progress: { ...job.progress, phase: "done" }, result })).toBe(true);
    expect(isJobFinished({ ...job, failure: { code: "import_failed", message: { zh: "", en: "" } } })).toBe(true);
  });
});

describe("formatBytes", () => {
  it.each([
    [512, "512 B"],
    [12_595, "12.3 KB"],
    [110 * MiB, "110.0 MB"],
  ])("%i bytes is %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
