/**
 * In-process registry of running and recent imports, so the API can answer "how far is it?" while an import
 * runs in the background (DESIGN.md §9: long jobs return a job id with progress). Finished jobs are kept
 * for an hour; the registry never holds more than MAX_JOBS. Jobs do not survive a restart: the batch they
 * wrote does (a killed import is resumed by importing the file again).
 */
import { randomUUID } from "node:crypto";
import type { ImportJob, ImportProgress, SourceType } from "./model.ts";
import type { ImportOutcome } from "./import-source-file.ts";

const KEEP_FINISHED_MS = 60 * 60 * 1000;
const MAX_JOBS = 500;

interface JobEntry {
  job: ImportJob;
  finishedAt?: number;
}

export class ImportJobs {
  private readonly jobs = new Map<string, JobEntry>();

  /**
   * Starts `run` in the background and returns the job at once. `run` gets a progress callback; `cleanup`
   * runs when it settles (e.g. deleting the uploaded temporary file). An unexpected error fails the job
   * with `import_failed` and is passed to `onError` for logging.
   */
  start(
    what: { sourceType: SourceType; fileName: string },
    run: (onProgress: (progress: ImportProgress) => void) => Promise<ImportOutcome>,
    cleanup: () => Promise<void>,
    onError: (error: unknown) => void,
  ): ImportJob {
    this.evict();
    const entry: JobEntry = {
      job: {
        id: randomUUID(),
        sourceType: what.sourceType,
        fileName: what.fileName,
        startedAt: new Date().toISOString(),
        progress: { phase: "queued", rowsRead: 0, bytesRead: 0, bytesTotal: 0 },
        result: null,
        failure: null,
      },
    };
    this.jobs.set(entry.job.id, entry);
    const update = (patch: Partial<ImportJob>) => {
      entry.job = { ...entry.job, ...patch };
    };
    void run((progress) => update({ progress }))
      .then(
        (outcome) =>
          update({
            result: outcome.summary,
            failure: outcome.failure,
            progress: { ...entry.job.progress, phase: outcome.summary.status === "failed" ? "failed" : "done" },
          }),
        (error: unknown) => {
          onError(error);
          update({
            failure: { code: "import_failed", message: IMPORT_FAILED },
            progress: { ...entry.job.progress, phase: "failed" },
          });
        },
      )
      .finally(() => {
        entry.finishedAt = Date.now();
        return cleanup().catch(onError);
      });
    return entry.job;
  }

  find(id: string): ImportJob | undefined {
    return this.jobs.get(id)?.job;
  }

  private evict(): void {
    const now = Date.now();
    for (const [id, entry] of this.jobs) {
      if (entry.finishedAt !== undefined && now - entry.finishedAt > KEEP_FINISHED_MS) this.jobs.delete(id);
    }
    for (const [id, entry] of this.jobs) {
      if (this.jobs.size < MAX_JOBS) break;
      if (entry.finishedAt !== undefined) this.jobs.delete(id);
    }
  }
}

/** An import that broke for a reason other than its file (the database went away, a bug). */
export const IMPORT_FAILED = {
  zh: "导入因系统错误中断，文件未导入；可重新导入同一文件继续",
  en: "The import stopped because of a system error and nothing was committed; import the same file again to resume",
};

