/**
 * Running and recent imports, so the API can answer "how far is it?" while an import runs in the background.
 * Jobs do not survive a restart: the batch they wrote does (a killed import is resumed by importing the file
 * again).
 */
import { randomUUID } from "node:crypto";
import { BackgroundJobs } from "../../http/background-jobs.ts";
import type { ImportOutcome } from "./import-source-file.ts";
import type { ImportJob, ImportProgress, SourceType } from "./model.ts";

export class ImportJobs {
  private readonly jobs = new BackgroundJobs<string, ImportJob>(500);

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
    const job: ImportJob = {
      id: randomUUID(),
      sourceType: what.sourceType,
      fileName: what.fileName,
      startedAt: new Date().toISOString(),
      progress: { phase: "queued", rowsRead: 0, bytesRead: 0, bytesTotal: 0 },
      result: null,
      failure: null,
    };
    const handle = this.jobs.add(job.id, job);
    const update = (patch: Partial<ImportJob>) => handle.update((current) => ({ ...current, ...patch }));
    void run((progress) => update({ progress }))
      .then(
        (outcome) =>
          handle.update((current) => ({
            ...current,
            result: outcome.summary,
            failure: outcome.failure,
            progress: { ...current.progress, phase: outcome.summary.status === "failed" ? "failed" : "done" },
          })),
        (error: unknown) => {
          onError(error);
          handle.update((current) => ({
            ...current,
            failure: { code: "import_failed", message: IMPORT_FAILED },
            progress: { ...current.progress, phase: "failed" },
          }));
        },
      )
      .finally(() => {
        handle.finish();
        return cleanup().catch(onError);
      });
    return job;
  }

  find(id: string): ImportJob | undefined {
    return this.jobs.find(id);
  }
}

/** An import that broke for a reason other than its file (the database went away, a bug). */
export const IMPORT_FAILED = {
  zh: "导入因系统错误中断，文件未导入；可重新导入同一文件继续",
  en: "The import stopped because of a system error and nothing was committed; import the same file again to resume",
};
