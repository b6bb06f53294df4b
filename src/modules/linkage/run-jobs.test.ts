import { describe, expect, it } from "vitest";
import { RunJobs } from "./run-jobs.ts";

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("RunJobs", () => {
  it("records each stage a run reports, then done", async () => {
    const jobs = new RunJobs();
    jobs.start(
      7,
      async (onPhase) => {
        onPhase("reading");
        onPhase("compare");
        return null;
      },
      () => {},
    );
    await settle();
    expect(jobs.find(7)).toMatchObject({ runId: 7, phase: "done", failure: null });
    expect(jobs.find(7)!.stages.map((s) => s.phase)).toEqual(["queued", "reading", "compare", "done"]);
    expect(jobs.isActive(7)).toBe(false);
  });

  it("keeps a run's own failure", async () => {
    const jobs = new RunJobs();
    const failure = { code: "too_few_mentions", message: { zh: "少", en: "few" } };
    jobs.start(8, async () => failure, () => {});
    await settle();
    expect(jobs.find(8)).toMatchObject({ phase: "failed", failure });
  });

  it("fails a run that throws with run_failed and passes the error on for logging", async () => {
    const jobs = new RunJobs();
    const errors: unknown[] = [];
    jobs.start(
      9,
      async () => {
        throw new Error("connection lost");
      },
      (error) => errors.push(error),
    );
    expect(jobs.isActive(9)).toBe(true);
    await settle();
    expect(jobs.find(9)).toMatchObject({ phase: "failed", failure: { code: "run_failed" } });
    expect(errors).toHaveLength(1);
  });
});
