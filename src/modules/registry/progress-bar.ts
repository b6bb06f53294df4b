/** The import's progress as one terminal line: bar, percentage of bytes, rows and rate. */
import type { ImportProgress } from "./model.ts";

const PHASE_LABEL: Readonly<Record<ImportProgress["phase"], string>> = {
  queued: "等待 queued",
  hashing: "校验 hashing",
  reading: "导入 importing",
  committing: "提交 committing",
  done: "完成 done",
  failed: "失败 failed",
};

export function renderProgressBar(progress: ImportProgress, elapsedSeconds: number, width = 30): string {
  const fraction = progress.bytesTotal > 0 ? Math.min(1, progress.bytesRead / progress.bytesTotal) : 0;
  const filled = Math.round(fraction * width);
  const bar = `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
  const rate = elapsedSeconds > 0 && progress.rowsRead > 0 ? ` ${Math.round(progress.rowsRead / elapsedSeconds).toLocaleString("en-US")} rows/s` : "";
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  return `${bar} ${percent} ${PHASE_LABEL[progress.phase]} ${progress.rowsRead.toLocaleString("en-US")} rows${rate}`;
}
