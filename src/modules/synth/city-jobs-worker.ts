/**
 * Worker-thread entry for `generateCity`: receives the generated world and a job, writes the job's files,
 * and reports each stage and finally its result to the parent. Loaded through tsx (see
 * `startCityWorker` in generate-city.ts), since worker threads do not inherit the parent's TypeScript loader.
 */
import { parentPort } from "node:worker_threads";
import { type CityJob, type CityJobResult, restoreWorld, type WorldSnapshot, writeCityJobs } from "./city-jobs.ts";

export type ToWorker = { readonly type: "world"; readonly job: CityJob; readonly world: WorldSnapshot };
export type FromWorker =
  | { readonly type: "ready" }
  | { readonly type: "stage"; readonly stage: string }
  | { readonly type: "done"; readonly result: CityJobResult };

const port = parentPort;
if (port === null) throw new Error("city-jobs-worker.ts must run in a worker thread");
const post = (message: FromWorker): void => port.postMessage(message);
port.once("message", (message: ToWorker) => {
  const world = restoreWorld(message.world, message.job);
  // A failure rejects unhandled, which ends the worker with an "error" event the parent turns into a rejection.
  void writeCityJobs(world, message.job, (stage) => post({ type: "stage", stage })).then((result) => {
    post({ type: "done", result });
    port.close();
  });
});
post({ type: "ready" });
