import { growTypedArray, type TableSnapshot, typedColumnsOf } from "./grow-typed-array.ts";

/**
 * A table of events with named Int32 columns (struct of arrays). Rows are appended during the simulation
 * and never removed; the row index is the event's number (truth files write `B<row+1>`, `D<row+1>` …).
 * Read columns through `col(name)` after the simulation: growing replaces the arrays.
 */
export class EventTable<Column extends string> {
  size = 0;
  private capacity: number;
  private readonly columns: Record<Column, Int32Array>;

  constructor(
    readonly names: readonly Column[],
    initialCapacity: number,
  ) {
    this.capacity = Math.max(16, Math.ceil(initialCapacity));
    this.columns = {} as Record<Column, Int32Array>;
    for (const name of names) this.columns[name] = new Int32Array(this.capacity);
  }

  /** Appends a row of zeros and returns its index. */
  add(): number {
    if (this.size === this.capacity) {
      this.capacity = Math.ceil(this.capacity * 1.5);
      for (const name of this.names) this.columns[name] = growTypedArray(this.columns[name], this.capacity, 0);
    }
    return this.size++;
  }

  /** The table as plain data (columns cut to `size`), to be copied to a worker thread. */
  snapshot(): TableSnapshot {
    return { size: this.size, columns: typedColumnsOf(this.columns, this.size), strings: {} };
  }

  static restore<Column extends string>(names: readonly Column[], snapshot: TableSnapshot): EventTable<Column> {
    const table = new EventTable(names, 0);
    for (const name of names) table.columns[name] = snapshot.columns[name] as Int32Array;
    table.size = snapshot.size;
    table.capacity = snapshot.size;
    return table;
  }

  col(name: Column): Int32Array {
    return this.columns[name];
  }

  set(row: number, name: Column, value: number): void {
    this.columns[name][row] = value;
  }

  get(row: number, name: Column): number {
    return this.columns[name][row]!;
  }
}
