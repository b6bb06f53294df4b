import type { RegistryImportJob } from "../../api/client.ts";

/** Whole files up to this size are previewed; of larger CSV files only the start is sent. */
const WHOLE_PREVIEW_BYTES = 2 * 1024 * 1024;
/** The start of a large CSV file sent for its preview: far more than the five rows shown. */
const PREVIEW_SLICE_BYTES = 1024 * 1024;

/**
 * The part of a file the preview needs. The server reads the header and five rows, but stores the whole upload
 * first; a large CSV is cut after its last line break within the first MiB so that re-previewing after every
 * mapping change stays quick. An XLSX workbook is a zip archive and cannot be cut.
 */
export async function previewPartOf(file: Blob, fileName: string): Promise<Blob> {
  if (file.size <= WHOLE_PREVIEW_BYTES || !/\.(csv|txt)$/i.test(fileName)) return file;
  const head = new Uint8Array(await file.slice(0, PREVIEW_SLICE_BYTES).arrayBuffer());
  const lastNewline = head.lastIndexOf(0x0a);
  return lastNewline === -1 ? file : file.slice(0, lastNewline + 1);
}

export type ImportStep = "uploading" | RegistryImportJob["progress"]["phase"];

/** Percent done of a step: bytes sent while uploading, bytes hashed or read during the import; 100 once done. */
export function stepPercent(step: ImportStep, done: number, total: number): number {
  if (step === "done") return 100;
  if (total <= 0) return 0;
  return Math.min(100, Math.floor((done / total) * 100));
}

/**
 * Whether a job will report nothing new: it has its result or its failure. Not the phase: the import reports
 * `done` before the server's follow-up work on the new batch (birth aggregates) ends and the job is settled.
 */
export function isJobFinished(job: RegistryImportJob): boolean {
  return job.result !== null || job.failure !== null;
}

/** 512 B, 12.3 KB, 104.9 MB: file sizes as the upload form shows them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
