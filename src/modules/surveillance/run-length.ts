import { createBinomialSampler, type BinomialSampler } from "../../kernel/statistics/binomial-sampler.ts";
import { createSeededRandom } from "../../kernel/statistics/seeded-random.ts";
import type { BirthCounts } from "./birth-counts.ts";
import { convertSrbToProportion, DEFAULT_REFERENCE_SRB } from "./srb-proportion.ts";

/**
 * Average run length (ARL) of a surveillance chart by seeded Monte-Carlo simulation: the mean number of
 * months until the first signal when boys are Bin(n_t, p) each month. With p at the reference it is the
 * in-control ARL₀ (months between false alarms); at a raised SRB it is ARL₁ (delay to detection). Run
 * lengths are geometric-like, so the standard error is about ARL/√runs: 4,000 runs give ±1.6%.
 * A run that has not signalled after `maxMonths` is counted at `maxMonths` (censored; reported), which
 * biases the ARL down; choose maxMonths well above the expected ARL.
 */
export type MonitorFactory = () => (month: BirthCounts) => { readonly signal: boolean };

export interface RunLengthOptions {
  readonly createMonitor: MonitorFactory;
  /** Births per month; an array is cycled (e.g. 12 months with seasonality). */
  readonly monthlyBirths: number | readonly number[];
  /** SRB the births are simulated at; default the reference 105. */
  readonly simulatedSrb?: number;
  readonly runs: number;
  readonly seed: number;
  readonly maxMonths?: number;
}

export interface RunLengthEstimate {
  readonly averageRunLength: number;
  readonly standardError: number;
  readonly runs: number;
  /** Runs stopped at maxMonths without a signal. */
  readonly censored: number;
}

export function estimateRunLength(options: RunLengthOptions): RunLengthEstimate {
  const { createMonitor, runs, seed } = options;
  const maxMonths = options.maxMonths ?? 100_000;
  const births = typeof options.monthlyBirths === "number" ? [options.monthlyBirths] : [...options.monthlyBirths];
  if (!(runs > 0 && births.length > 0 && births.every((n) => Number.isInteger(n) && n >= 0))) {
    throw new Error("estimateRunLength needs runs > 0 and non-negative integer monthly births");
  }
  const proportion = convertSrbToProportion(options.simulatedSrb ?? DEFAULT_REFERENCE_SRB);
  const random = createSeededRandom(seed);
  const samplers = new Map<number, BinomialSampler>();
  const samplerFor = (n: number): BinomialSampler => {
    let sampler = samplers.get(n);
    if (sampler === undefined) {
      sampler = createBinomialSampler(n, proportion, random);
      samplers.set(n, sampler);
    }
    return sampler;
  };
  let sum = 0;
  let sumOfSquares = 0;
  let censored = 0;
  for (let run = 0; run < runs; run++) {
    const monitor = createMonitor();
    let months = 0;
    let signalled = false;
    while (!signalled && months < maxMonths) {
      const n = births[months % births.length]!;
      const boys = samplerFor(n)();
      months++;
      signalled = monitor({ boys, girls: n - boys }).signal;
    }
    if (!signalled) censored++;
    sum += months;
    sumOfSquares += months * months;
  }
  const mean = sum / runs;
  const variance = runs > 1 ? (sumOfSquares - runs * mean * mean) / (runs - 1) : 0;
  return { averageRunLength: mean, standardError: Math.sqrt(variance / runs), runs, censored };
}

/** ARL₀: births simulated at the reference SRB of the chart being evaluated. */
export function estimateInControlRunLength(
  options: Omit<RunLengthOptions, "simulatedSrb"> & { readonly referenceSrb?: number },
): RunLengthEstimate {
  return estimateRunLength({ ...options, simulatedSrb: options.referenceSrb ?? DEFAULT_REFERENCE_SRB });
}
