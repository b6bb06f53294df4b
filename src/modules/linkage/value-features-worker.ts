/** Worker thread entry of `value-features.ts`: computes the features of the values it is given and answers once. */
import { parentPort, workerData } from "node:worker_threads";
import { computeValueFeatures, type WorkerJob } from "./value-features.ts";

try {
  parentPort!.postMessage({ results: computeValueFeatures(workerData as readonly WorkerJob[]) });
} catch (error) {
  parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
