import type { LinkageRunJob } from "../../api/client.ts";

type Phase = LinkageRunJob["phase"];

/** The steps the console shows for a run; the engine's finer stages fold into them. */
export const JOB_PHASES = ["queued", "reading", "blocking", "compare", "estimateM", "predict", "storing", "done"] as const;
export type DisplayedPhase = (typeof JOB_PHASES)[number];

const SHOWN_AS: Readonly<Record<Exclude<Phase, "failed">, DisplayedPhase>> = {
  queued: "queued",
  reading: "reading",
  load: "reading",
  chooseBlocking: "reading",
  blocking: "blocking",
  compare: "compare",
  estimateU: "estimateM",
  estimateM: "estimateM",
  predict: "predict",
  cluster: "predict",
  storing: "storing",
  done: "done",
};

/** The step a job is at; a failed job stays at the step it failed in. */
export function displayedStep(job: Pick<LinkageRunJob, "phase" | "stages">): number {
  const phase = job.phase === "failed" ? ([...job.stages].reverse().find((stage) => stage.phase !== "failed")?.phase ?? "queued") : job.phase;
  return JOB_PHASES.indexOf(SHOWN_AS[phase === "failed" ? "queued" : phase]);
}

/** Percentage for a progress bar: the share of steps passed. */
export function phaseProgress(phase: Phase): number {
  if (phase === "failed") return 100;
  return Math.round((JOB_PHASES.indexOf(SHOWN_AS[phase]) / (JOB_PHASES.length - 1)) * 100);
}
