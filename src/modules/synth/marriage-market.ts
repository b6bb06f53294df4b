import type { City } from "./city.ts";
import { ageOnDay } from "./civil-date.ts";
import { MALE, Marital, NONE } from "./person-table.ts";
import type { Random } from "./random.ts";
import { TOWNSHIPS } from "./zaozhuang.ts";

const YEAR_KEYS = 200;
/** Legal minimum age at marriage for men (Marriage Law 1980, art. 6; Civil Code 2020, art. 1047). */
const MINIMUM_AGE = 22;

/**
 * Unmarried men by township and birth year, so a bride finds a groom of about her age nearby in O(1).
 * Entries go stale when a man marries, dies or leaves; they are dropped when drawn.
 */
export class MarriageMarket {
  private readonly buckets: (number[] | undefined)[] = [];
  private readonly townshipsOfCounty: readonly (readonly number[])[];

  constructor(
    private readonly city: City,
    private readonly random: Random,
  ) {
    const byCounty = new Map<string, number[]>();
    TOWNSHIPS.forEach((t, i) => {
      const list = byCounty.get(t.countyCode) ?? [];
      list.push(i);
      byCounty.set(t.countyCode, list);
    });
    this.townshipsOfCounty = TOWNSHIPS.map((t) => byCounty.get(t.countyCode)!);
    const persons = city.persons;
    for (let p = 0; p < persons.size; p++) {
      if (persons.sex[p] === MALE && persons.marital[p] === Marital.Single) this.add(p);
    }
  }

  add(man: number): void {
    const persons = this.city.persons;
    (this.buckets[key(persons.township[man]!, persons.birthYear[man]!)] ??= []).push(man);
  }

  /**
   * A groom for the bride `wife` on `day`: about two years older (normal, sd 2.5), from her township, else
   * her county, else anywhere in the city; NONE if nobody suitable is found.
   */
  findHusband(wife: number, day: number): number {
    const persons = this.city.persons;
    const target = persons.birthYear[wife]! - Math.round(2 + 2.5 * this.random.normal());
    const home = persons.township[wife]!;
    const found = this.search(home, target, day, [0, 1, -1, 2, -2, 3, -3]);
    if (found !== NONE) return found;
    const county = this.townshipsOfCounty[home]!;
    for (let attempt = 0; attempt < 3; attempt++) {
      const man = this.search(this.random.pick(county), target, day, [0, 1, -1, 2]);
      if (man !== NONE) return man;
    }
    for (let attempt = 0; attempt < 3; attempt++) {
      const man = this.search(this.random.int(TOWNSHIPS.length), target, day, [0, 1, -1]);
      if (man !== NONE) return man;
    }
    return NONE;
  }

  private search(township: number, targetYear: number, day: number, offsets: readonly number[]): number {
    const persons = this.city.persons;
    for (const offset of offsets) {
      const bucket = this.buckets[key(township, targetYear + offset)];
      for (let attempt = 0; attempt < 4 && bucket !== undefined && bucket.length > 0; attempt++) {
        const k = this.random.int(bucket.length);
        const man = bucket[k]!;
        if (ageOnDay(persons.birthDay[man]!, day) < MINIMUM_AGE) continue;
        bucket[k] = bucket[bucket.length - 1]!;
        bucket.pop();
        // Stale entries (married, dead, gone) are dropped; a man who moved is filed under his new township.
        if (persons.marital[man] !== Marital.Single || !persons.isPresent(man, day)) continue;
        if (persons.township[man] !== township) {
          this.add(man);
          continue;
        }
        return man;
      }
    }
    return NONE;
  }
}

function key(township: number, birthYear: number): number {
  return township * YEAR_KEYS + Math.min(YEAR_KEYS - 1, Math.max(0, birthYear - 1900));
}
