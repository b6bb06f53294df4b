import { startTypeScriptWorker } from "../../runtime/typescript-worker.ts";
import { computeFieldFeatures, type FeatureValues } from "./field-features.ts";
import type { FieldType } from "./model.ts";

/**
 * The features of each distinct value of each field. A Chinese name costs about 10 µs (normalisation and
 * pinyin), a hundred times an ordinary value, and a million records hold half a million distinct names; so
 * for large inputs half of every name field goes to a worker thread while this thread does the rest, which
 * puts a second core to work where the run would otherwise wait on one.
 */
export interface ValueColumn {
  readonly type: FieldType;
  /** Distinct values as written (trimmed). */
  readonly cells: readonly string[];
}

/** Types costly enough per value to share with a worker. */
const COSTLY_TYPES: ReadonlySet<FieldType> = new Set(["zh_name"]);

/** Below this many distinct costly values a worker's start-up (about half a second) costs more than it saves. */
export const MIN_VALUES_FOR_WORKER = 50_000;

export function computeValueFeatures(columns: readonly ValueColumn[]): FeatureValues[][] {
  return columns.map(({ type, cells }) => cells.map((cell) => computeFieldFeatures(type, cell)));
}

/** Values the worker computes the features of. */
export interface WorkerJob {
  readonly type: FieldType;
  readonly cells: readonly string[];
}

export async function computeValueFeaturesInParallel(
  columns: readonly ValueColumn[],
  minValuesForWorker = MIN_VALUES_FOR_WORKER,
): Promise<FeatureValues[][]> {
  const costly = columns.map(({ type, cells }) => COSTLY_TYPES.has(type) && cells.length >= minValuesForWorker);
  if (!costly.includes(true)) return computeValueFeatures(columns);
  // The worker takes the second half of each costly column.
  const splits = columns.map(({ cells }, i) => (costly[i] ? Math.ceil(cells.length / 2) : cells.length));
  const jobs: WorkerJob[] = columns.flatMap(({ type, cells }, i) => (costly[i] ? [{ type, cells: cells.slice(splits[i]) }] : []));
  const fromWorker = runOnWorker(jobs);
  const here = columns.map(({ type, cells }, i) => cells.slice(0, splits[i]).map((cell) => computeFieldFeatures(type, cell)));
  const results = await fromWorker;
  let job = 0;
  return here.map((features, i) => (costly[i] ? features.concat(results[job++]!) : features));
}

function runOnWorker(jobs: readonly WorkerJob[]): Promise<FeatureValues[][]> {
  const worker = startTypeScriptWorker(new URL("./value-features-worker.ts", import.meta.url), jobs);
  return new Promise((resolve, reject) => {
    worker.once("message", (message: { results?: FeatureValues[][]; error?: string }) => {
      void worker.terminate();
      if (message.results !== undefined) resolve(message.results);
      else reject(new Error(`feature worker failed: ${message.error ?? "no result"}`));
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`feature worker exited with code ${code} before answering`)));
  });
}
