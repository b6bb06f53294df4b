/**
 * Remembers which row first had a given key (a whole row's cells, a record number, an ID number) without
 * keeping the keys: each key is reduced to a 64-bit fingerprint in typed arrays of 12 bytes per slot, with
 * two to four slots per key (the table doubles at half full): 24 MB for a million keys, 200 MB for five
 * million, rather than gigabytes of strings. Two different keys share a fingerprint with probability about
 * n²/2^65 (birthday bound): ~3·10⁻⁸ for a million rows.
 */
export class FirstOccurrenceIndex {
  private capacity = 1 << 12;
  private high = new Uint32Array(this.capacity);
  private low = new Uint32Array(this.capacity);
  /** Row number of the first occurrence; 0 marks an empty slot. */
  private rows = new Int32Array(this.capacity);
  private size = 0;

  /** The row that first had `key`, or undefined (and `row` is remembered as its first). Rows start at 1. */
  firstRowOf(key: string, row: number): number | undefined {
    const [high, low] = fingerprint(key);
    const mask = this.capacity - 1;
    for (let slot = low & mask; ; slot = (slot + 1) & mask) {
      const occupant = this.rows[slot]!;
      if (occupant === 0) {
        this.high[slot] = high;
        this.low[slot] = low;
        this.rows[slot] = row;
        if (++this.size * 2 > this.capacity) this.grow();
        return undefined;
      }
      if (this.high[slot] === high && this.low[slot] === low) return occupant;
    }
  }

  private grow(): void {
    const { high, low, rows } = this;
    this.capacity *= 2;
    this.high = new Uint32Array(this.capacity);
    this.low = new Uint32Array(this.capacity);
    this.rows = new Int32Array(this.capacity);
    const mask = this.capacity - 1;
    for (let i = 0; i < rows.length; i++) {
      if (rows[i] === 0) continue;
      let slot = low[i]! & mask;
      while (this.rows[slot] !== 0) slot = (slot + 1) & mask;
      this.high[slot] = high[i]!;
      this.low[slot] = low[i]!;
      this.rows[slot] = rows[i]!;
    }
  }
}

/**
 * Two independent 32-bit hashes of the UTF-16 code units: FNV-1a (Fowler–Noll–Vo) and a MurmurHash3-style
 * multiply–rotate, each finished with MurmurHash3's fmix32 avalanche so that low bits index the table well.
 */
function fingerprint(key: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < key.length; i++) {
    const unit = key.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul(b ^ Math.imul(unit, 0xcc9e2d51), 0x1b873593);
    b = (b << 13) | (b >>> 19);
  }
  return [fmix32(a ^ key.length) >>> 0, fmix32(b ^ key.length) >>> 0];
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
