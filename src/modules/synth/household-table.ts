import { growTypedArray, type TableSnapshot, typedColumnsOf } from "./grow-typed-array.ts";
import { NONE, type PersonTable } from "./person-table.ts";

/**
 * Households (户), one column per attribute. Members form a doubly linked list through the person table's
 * `householdNext` / `householdPrevious`, so moving a person between households is O(1) and listing a
 * household needs no per-household array.
 */
export class HouseholdTable {
  size = 0;
  private capacity: number;

  first: Int32Array;
  last: Int32Array;
  head: Int32Array;
  township: Uint8Array;
  village: Uint16Array;
  houseNumber: Uint16Array;
  /** 1 if the household's hukou is in the city (a 户 in the registry), 0 for migrants without it. */
  registered: Uint8Array;

  constructor(initialCapacity: number) {
    this.capacity = Math.max(16, Math.ceil(initialCapacity));
    const n = this.capacity;
    this.first = new Int32Array(n).fill(NONE);
    this.last = new Int32Array(n).fill(NONE);
    this.head = new Int32Array(n).fill(NONE);
    this.township = new Uint8Array(n);
    this.village = new Uint16Array(n);
    this.houseNumber = new Uint16Array(n);
    this.registered = new Uint8Array(n);
  }

  add(township: number, village: number, houseNumber: number, registered: boolean): number {
    if (this.size === this.capacity) this.grow();
    const h = this.size++;
    this.township[h] = township;
    this.village[h] = village;
    this.houseNumber[h] = houseNumber;
    this.registered[h] = registered ? 1 : 0;
    return h;
  }

  /** Appends person `p` (not currently in any household) to household `h` with the given relation. */
  join(persons: PersonTable, h: number, p: number, relation: number): void {
    persons.household[p] = h;
    persons.relation[p] = relation;
    persons.householdPrevious[p] = this.last[h]!;
    persons.householdNext[p] = NONE;
    if (this.last[h] === NONE) this.first[h] = p;
    else persons.householdNext[this.last[h]!] = p;
    this.last[h] = p;
    if (this.head[h] === NONE) this.head[h] = p;
  }

  /** Unlinks person `p` from their household. */
  leave(persons: PersonTable, p: number): void {
    const h = persons.household[p]!;
    if (h === NONE) return;
    const previous = persons.householdPrevious[p]!;
    const next = persons.householdNext[p]!;
    if (previous === NONE) this.first[h] = next;
    else persons.householdNext[previous] = next;
    if (next === NONE) this.last[h] = previous;
    else persons.householdPrevious[next] = previous;
    if (this.head[h] === p) this.head[h] = this.first[h]!;
    persons.household[p] = NONE;
    persons.householdNext[p] = NONE;
    persons.householdPrevious[p] = NONE;
  }

  /** The table as plain data (columns cut to `size`), to be copied to a worker thread. */
  snapshot(): TableSnapshot {
    return { size: this.size, columns: typedColumnsOf(this, this.size), strings: {} };
  }

  static restore(snapshot: TableSnapshot): HouseholdTable {
    const table = new HouseholdTable(0);
    Object.assign(table, snapshot.columns);
    table.size = snapshot.size;
    table.capacity = snapshot.size;
    return table;
  }

  /** The household number (户号) as the registry prints it: 9 digits, unique in the city. */
  number(h: number): string {
    return String(100000001 + h);
  }

  private grow(): void {
    const n = Math.ceil(this.capacity * 1.5);
    this.first = growTypedArray(this.first, n, NONE);
    this.last = growTypedArray(this.last, n, NONE);
    this.head = growTypedArray(this.head, n, NONE);
    this.township = growTypedArray(this.township, n, 0);
    this.village = growTypedArray(this.village, n, 0);
    this.houseNumber = growTypedArray(this.houseNumber, n, 0);
    this.registered = growTypedArray(this.registered, n, 0);
    this.capacity = n;
  }
}
