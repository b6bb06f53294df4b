import type { Worker } from "node:worker_threads";
import { startTypeScriptWorker } from "../../runtime/typescript-worker.ts";
import { computeFieldFeatures, type FeatureValues } from "./field-features.ts";
import type { FieldType } from "./model.ts";

/**
 * The features of each distinct value of each field. A Chinese name costs about 5 µs (normalisation and
 * pinyin) and an ID number 2 µs, tens of times an ordinary value, and a million records hold half a million
 * distinct names and almost as many ID numbers; so for large inputs half of each such column goes to a
 * worker thread while this thread does the rest, which puts the second core to work where the run would
 * otherwise wait on one. The worker is started before the records are encoded, so that its start-up (loading
 * the name dictionaries, about a second) overlaps that work, and gets the first costly column as soon as it is
 * encoded, while this thread encodes the others.
 */
export interface ValueColumn {
  readonly type: FieldType;
  /** Distinct values as written (trimmed). */
  readonly cells: readonly string[];
}

/** Types costly enough per value to share with a worker. */
const COSTLY_TYPES: ReadonlySet<FieldType> = new Set(["zh_name", "resident_id"]);

/** A column with fewer distinct values than this is computed here: handing it over would cost more. */
export const MIN_VALUES_FOR_WORKER = 50_000;

export function computeValueFeatures(columns: readonly ValueColumn[]): FeatureValues[][] {
  return columns.map(({ type, cells }) => cells.map((cell) => computeFieldFeatures(type, cell)));
}

export function isCostlyType(type: FieldType): boolean {
  return COSTLY_TYPES.has(type);
}

/** Whether an input of `records` records with these field types is worth starting a worker for. */
export function worthAWorker(types: readonly FieldType[], records: number): boolean {
  return records >= MIN_VALUES_FOR_WORKER && types.some(isCostlyType);
}

/** A worker thread that computes features on request (`value-features-worker.ts`), answering in order. */
export interface FeatureWorker {
  compute(columns: readonly ValueColumn[]): Promise<FeatureValues[][]>;
  close(): void;
}

export function startFeatureWorker(): FeatureWorker {
  const worker: Worker = startTypeScriptWorker(new URL("./value-features-worker.ts", import.meta.url), null);
  const waiting: Array<{ resolve: (results: FeatureValues[][]) => void; reject: (error: Error) => void }> = [];
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const request of waiting.splice(0)) request.reject(failure);
  };
  worker.on("message", (message: { json?: string; error?: string }) => {
    const request = waiting.shift();
    if (message.json !== undefined) request?.resolve(JSON.parse(message.json) as FeatureValues[][]);
    else request?.reject(new Error(`feature worker failed: ${message.error ?? "no result"}`));
  });
  worker.on("error", failAll);
  worker.on("exit", (code) => failAll(new Error(`feature worker exited with code ${code}`)));
  return {
    compute(columns) {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        worker.postMessage(columns);
      });
    },
    close() {
      worker.removeAllListeners("exit");
      void worker.terminate();
    },
  };
}

/** Whether the worker should take column `column` whole, as soon as it is encoded (see `computeValueFeaturesInParallel`). */
export function isCostly(column: ValueColumn, minValuesForWorker = MIN_VALUES_FOR_WORKER): boolean {
  return isCostlyType(column.type) && column.cells.length >= minValuesForWorker;
}

/**
 * `computeValueFeatures` with a worker's help: columns in `handedOver` are the worker's already (the first
 * costly column, sent while the others were still being encoded); of each other large costly column the
 * worker computes the second half.
 */
export async function computeValueFeaturesInParallel(
  columns: readonly ValueColumn[],
  worker: FeatureWorker | undefined,
  handedOver: ReadonlyMap<number, Promise<FeatureValues[]>> = new Map(),
  minValuesForWorker = MIN_VALUES_FOR_WORKER,
): Promise<FeatureValues[][]> {
  const shared = columns.map((column, i) => worker !== undefined && !handedOver.has(i) && isCostly(column, minValuesForWorker));
  const splits = columns.map(({ cells }, i) => (handedOver.has(i) ? 0 : shared[i] ? Math.ceil(cells.length / 2) : cells.length));
  const halves = shared.includes(true) ? worker!.compute(columns.flatMap(({ type, cells }, i) => (shared[i] ? [{ type, cells: cells.slice(splits[i]) }] : []))) : undefined;
  const here = columns.map(({ type, cells }, i) => cells.slice(0, splits[i]).map((cell) => computeFieldFeatures(type, cell)));
  const secondHalves = (await halves) ?? [];
  let next = 0;
  return Promise.all(
    here.map(async (features, i) => {
      const whole = handedOver.get(i);
      if (whole !== undefined) return whole;
      return shared[i] ? features.concat(secondHalves[next++]!) : features;
    }),
  );
}
