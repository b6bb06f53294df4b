import { ERROR_KINDS, type ErrorKindCode, SOURCES, type SourceName } from "./profile.ts";
import type { TableSink } from "./writers/table-sink.ts";

export const ERROR_HEADERS = ["source", "row", "field", "kind", "true_value", "written_value"] as const;

/** Length of ErrorLog.counts: [opportunities, injected] for every source and kind. */
export const ERROR_COUNT_SLOTS = SOURCES.length * ERROR_KINDS.length * 2;

export interface ErrorCount {
  /** Fields where the error could have been made. */
  readonly opportunities: number;
  /** Fields where it was made. */
  readonly injected: number;
}

/**
 * Every injected error, written to a CSV file as it happens (one part per extract, joined into
 * truth/errors.csv at the end), plus counts of opportunities and injections per source and kind (the rates
 * the tests compare with the profile).
 */
export class ErrorLog {
  /** [opportunities, injected] per source and kind, flattened: ((source × kinds) + kind) × 2. */
  readonly counts = new Float64Array(ERROR_COUNT_SLOTS);
  private readonly cells = ["", "", "", "", "", ""];
  /** True when the errors file wants the generator to await `drain()`. */
  blocked = false;

  constructor(private readonly sink: TableSink) {}

  opportunity(source: number, kind: number): void {
    this.counts[(source * ERROR_KINDS.length + kind) * 2] = this.counts[(source * ERROR_KINDS.length + kind) * 2]! + 1;
  }

  record(source: number, kind: number, file: string, row: number, field: string, trueValue: string, written: string): void {
    const i = (source * ERROR_KINDS.length + kind) * 2 + 1;
    this.counts[i] = this.counts[i]! + 1;
    const cells = this.cells;
    cells[0] = file;
    cells[1] = String(row);
    cells[2] = field;
    cells[3] = ERROR_KINDS[kind]!.code;
    cells[4] = trueValue;
    cells[5] = written;
    if (this.sink.write(cells)) this.blocked = true;
  }

  async drain(): Promise<void> {
    if (!this.blocked) return;
    await this.sink.drain();
    this.blocked = false;
  }

  close(): Promise<number> {
    return this.sink.close();
  }

  summary(): ErrorSummary {
    return summariseErrorCounts(this.counts);
  }
}

export type ErrorSummary = Record<SourceName, Partial<Record<ErrorKindCode, ErrorCount>>>;

/** Counts (as ErrorLog.counts, possibly summed over several logs) by source and error code, where there was an opportunity. */
export function summariseErrorCounts(counts: ArrayLike<number>): ErrorSummary {
  const result = {} as ErrorSummary;
  SOURCES.forEach((source, s) => {
    const bySource: Partial<Record<ErrorKindCode, ErrorCount>> = {};
    ERROR_KINDS.forEach((kind, k) => {
      const opportunities = counts[(s * ERROR_KINDS.length + k) * 2]!;
      if (opportunities > 0) bySource[kind.code] = { opportunities, injected: counts[(s * ERROR_KINDS.length + k) * 2 + 1]! };
    });
    result[source] = bySource;
  });
  return result;
}
