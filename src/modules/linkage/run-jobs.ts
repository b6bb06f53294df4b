/**
 * Running and recent linkage runs, so the API can say which stage a run is in while it works in the
 * background. The `linkage_run` row is the durable record; a job is only its progress.
 */
import { BackgroundJobs } from "../../http/background-jobs.ts";
import type { JobPhase, RunFailure, RunJob } from "./run-model.ts";

export class RunJobs {
  private readonly jobs = new BackgroundJobs<number, RunJob>(200);

  /**
   * Starts `work` in the background. It reports stages through `onPhase` and resolves with a failure or null;
   * an unexpected error fails the job with `run_failed` and goes to `onError`.
   */
  start(
    runId: number,
    work: (onPhase: (phase: JobPhase) => void) => Promise<RunFailure | null>,
    onError: (error: unknown) => void,
  ): RunJob {
    const now = new Date().toISOString();
    const job: RunJob = { runId, startedAt: now, phase: "queued", stages: [{ phase: "queued", at: now }], failure: null };
    const handle = this.jobs.add(runId, job);
    const enter = (phase: JobPhase) =>
      handle.update((current) => ({ ...current, phase, stages: [...current.stages, { phase, at: new Date().toISOString() }] }));
    void work(enter)
      .then(
        (failure) => {
          if (failure !== null) handle.update((current) => ({ ...current, failure }));
          enter(failure === null ? "done" : "failed");
        },
        (error: unknown) => {
          onError(error);
          handle.update((current) => ({ ...current, failure: { code: "run_failed", message: RUN_FAILED } }));
          enter("failed");
        },
      )
      .finally(() => handle.finish());
    return job;
  }

  find(runId: number): RunJob | undefined {
    return this.jobs.find(runId);
  }

  /** Whether this process is running the run now (a `running` row without a job was left by another process). */
  isActive(runId: number): boolean {
    return this.jobs.isActive(runId);
  }
}

/** A run whose process stopped before it finished (a restart); nothing of it was stored. */
export const RUN_INTERRUPTED = {
  zh: "比对因服务重启而中断，未保存结果；请重新运行",
  en: "The run was interrupted by a restart of the service and stored no results; run it again",
};

/** A run that broke for a reason other than its data (the database went away, a bug). */
export const RUN_FAILED = {
  zh: "比对因系统错误中断，未保存结果；请重新运行",
  en: "The run stopped because of a system error and stored no results; run it again",
};
