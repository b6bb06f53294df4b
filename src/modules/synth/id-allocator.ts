import { computeCheckCharacter } from "../../kernel/resident-id-check.ts";
import { civilFromDays } from "./civil-date.ts";
import type { Random } from "./random.ts";

const DAY_1900 = -25567;

/**
 * Issues unique, valid 18-character resident identity numbers (GB 11643-1999): address code of the county
 * where the person was first registered + birth date + 3-digit sequence (odd for men, even for women) +
 * ISO 7064 MOD 11-2 check character (computed by the kernel, never here).
 */
export class IdAllocator {
  private readonly used: KeySet;

  constructor(
    private readonly random: Random,
    expectedCount = 1000,
  ) {
    this.used = new KeySet(expectedCount);
  }

  /** A new ID number; `sex` 1 male, 2 female; `birthDay` in days since 1970-01-01 (1900–2079). */
  allocate(countyCode: number, birthDay: number, sex: number): string {
    const dayIndex = birthDay - DAY_1900;
    if (dayIndex < 0 || dayIndex >= 65536) throw new Error("birth day outside 1900–2079");
    for (let attempt = 0; attempt < 2000; attempt++) {
      // Sequences 001–999 with the parity of the sex; low numbers are more common in practice, but a uniform
      // draw keeps collisions rare even for the busiest county and birth date.
      const seq = 2 * this.random.int(499) + (sex === 1 ? 1 : 2);
      if (!this.used.add(countyCode, dayIndex, seq)) continue;
      return formatResidentId(countyCode, birthDay, seq);
    }
    throw new Error(`no free sequence number for ${countyCode} on day ${birthDay}`);
  }
}

export function formatResidentId(countyCode: number, birthDay: number, seq: number): string {
  const first17 = `${countyCode}${civilFromDays(birthDay)}${seq < 10 ? "00" : seq < 100 ? "0" : ""}${seq}`;
  return first17 + computeCheckCharacter(first17);
}

/**
 * The legacy 15-digit form of an 18-character number (GB 11643-1989): address, YYMMDD, sequence, no check
 * character. Only people born in the 1900s held one; returns undefined otherwise.
 */
export function findLegacyId(id18: string): string | undefined {
  if (id18.length !== 18 || id18.slice(6, 8) !== "19") return undefined;
  return id18.slice(0, 6) + id18.slice(8, 17);
}

/**
 * The set of (county, birth day, sequence) triples in use. A JavaScript Set of 46-bit numbers stores each as
 * a heap double and slows to seconds at a million entries; this open-addressing table on a Float64Array
 * stays around 100 ns per insert.
 */
class KeySet {
  private keys: Float64Array;
  private count = 0;

  constructor(expectedCount: number) {
    let capacity = 1 << 12;
    while (capacity < expectedCount * 2.5) capacity *= 2;
    this.keys = new Float64Array(capacity);
  }

  /** Adds the triple; false if it was already present. */
  add(county: number, dayIndex: number, seq: number): boolean {
    if (this.count * 2 >= this.keys.length) this.grow();
    const inserted = insert(this.keys, county, dayIndex, seq);
    if (inserted) this.count++;
    return inserted;
  }

  private grow(): void {
    const old = this.keys;
    this.keys = new Float64Array(old.length * 2);
    for (const key of old) {
      if (key === 0) continue;
      const seq = key % 1024;
      const rest = (key - seq) / 1024;
      const dayIndex = rest % 65536;
      insert(this.keys, (rest - dayIndex) / 65536, dayIndex, seq);
    }
  }
}

function insert(keys: Float64Array, county: number, dayIndex: number, seq: number): boolean {
  const key = (county * 65536 + dayIndex) * 1024 + seq;
  const mask = keys.length - 1;
  let h = Math.imul(county, 0x9e3779b1) ^ Math.imul(dayIndex + 1, 0x85ebca6b) ^ Math.imul(seq + 7, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  for (let i = h & mask; ; i = (i + 1) & mask) {
    const existing = keys[i]!;
    if (existing === 0) {
      keys[i] = key;
      return true;
    }
    if (existing === key) return false;
  }
}
