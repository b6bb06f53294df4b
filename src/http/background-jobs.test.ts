import { afterEach, describe, expect, it, vi } from "vitest";
import { BackgroundJobs } from "./background-jobs.ts";

describe("BackgroundJobs", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("keeps a job's latest state and says whether its work is still running", () => {
    const jobs = new BackgroundJobs<string, { step: number }>(10);
    const handle = jobs.add("a", { step: 0 });
    handle.update((job) => ({ step: job.step + 1 }));
    expect(jobs.find("a")).toEqual({ step: 1 });
    expect(jobs.isActive("a")).toBe(true);
    handle.finish();
    expect(jobs.isActive("a")).toBe(false);
    expect(jobs.find("a")).toEqual({ step: 1 });
    expect(jobs.find("b")).toBeUndefined();
  });

  it("forgets finished jobs after an hour, and running ones never", () => {
    vi.useFakeTimers();
    const jobs = new BackgroundJobs<string, number>(10);
    jobs.add("finished", 1).finish();
    jobs.add("running", 2);
    vi.advanceTimersByTime(60 * 60 * 1000 + 1);
    jobs.add("new", 3);
    expect(jobs.find("finished")).toBeUndefined();
    expect(jobs.find("running")).toBe(2);
  });

  it("makes room by dropping the oldest finished jobs when full", () => {
    const jobs = new BackgroundJobs<number, number>(3);
    for (const key of [1, 2, 3]) jobs.add(key, key).finish();
    jobs.add(4, 4);
    expect([1, 2, 3, 4].map((key) => jobs.find(key))).toEqual([undefined, 2, 3, 4]);
  });
});
