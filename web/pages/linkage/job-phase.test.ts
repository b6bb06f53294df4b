import { describe, expect, it } from "vitest";
import { displayedStep, JOB_PHASES, phaseProgress } from "./job-phase.ts";

describe("job phases in the console", () => {
  it("folds the engine's stages into the shown steps", () => {
    expect(displayedStep({ phase: "estimateU", stages: [] })).toBe(JOB_PHASES.indexOf("estimateM"));
    expect(displayedStep({ phase: "load", stages: [] })).toBe(JOB_PHASES.indexOf("reading"));
    // blocking is chosen before the records are loaded, so it shows as reading, not as a step back
    expect(displayedStep({ phase: "chooseBlocking", stages: [] })).toBe(JOB_PHASES.indexOf("reading"));
  });

  it("keeps a failed job at the step it failed in", () => {
    const stages = [
      { phase: "queued", at: "" },
      { phase: "reading", at: "" },
      { phase: "failed", at: "" },
    ] as const;
    expect(displayedStep({ phase: "failed", stages: [...stages] })).toBe(JOB_PHASES.indexOf("reading"));
  });

  it("runs the progress bar from 0 when queued to 100 when done", () => {
    expect(phaseProgress("queued")).toBe(0);
    expect(phaseProgress("compare")).toBe(43);
    expect(phaseProgress("done")).toBe(100);
  });
});
