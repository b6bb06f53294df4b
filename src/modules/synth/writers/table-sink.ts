/**
 * Where rows of an extract or a truth table go. Writers buffer rows and report backpressure instead of
 * awaiting every row: the generator calls `write` in a tight loop and awaits `drain()` only when asked to,
 * so a million rows cost a million function calls and a few hundred awaits.
 */
export interface TableSink {
  /** Queues one row (cells already formatted); true when the caller should `await drain()` next. */
  write(cells: readonly string[]): boolean;
  drain(): Promise<void>;
  /** Flushes and closes; returns the number of data rows written. */
  close(): Promise<number>;
}

/** Sends every row to several sinks (an extract written as CSV and XLSX at once). */
export class FanOutSink implements TableSink {
  constructor(private readonly sinks: readonly TableSink[]) {}

  write(cells: readonly string[]): boolean {
    let wait = false;
    for (const sink of this.sinks) wait = sink.write(cells) || wait;
    return wait;
  }

  async drain(): Promise<void> {
    for (const sink of this.sinks) await sink.drain();
  }

  async close(): Promise<number> {
    let rows = 0;
    for (const sink of this.sinks) rows = await sink.close();
    return rows;
  }
}
