import { yearOfDay } from "./civil-date.ts";
import { growTypedArray, type TableSnapshot, typedColumnsOf } from "./grow-typed-array.ts";

/** Day sentinel for "never happened" (a death, a departure, a registration). */
export const NEVER = 2147483647;
/** Day sentinel for "before the simulated span" (present from the start). */
export const ALWAYS = -2147483648;
/** Index sentinel for "no such person / household". */
export const NONE = -1;
/** Township index of someone living outside the city. */
export const OUTSIDE = 255;

export const MALE = 1;
export const FEMALE = 2;

export const Marital = { Single: 0, Married: 1, Widowed: 2 } as const;

/** Resident: in the city when the span starts; Born: born there during the span; Migrant: arrived later. */
export const Origin = { Resident: 0, Born: 1, Migrant: 2 } as const;
export const ORIGIN_NAMES = ["resident", "born", "migrant"] as const;

/** Relation to the head of household as written in the registry (与户主关系). */
export const RELATIONS = ["户主", "配偶", "子", "女", "父亲", "母亲", "孙子", "孙女", "其他"] as const;
export const Relation = {
  Head: 0,
  Spouse: 1,
  Son: 2,
  Daughter: 3,
  Father: 4,
  Mother: 5,
  Grandson: 6,
  Granddaughter: 7,
  Other: 8,
} as const;

export const ETHNICITIES = ["汉族", "回族", "满族", "蒙古族", "壮族", "维吾尔族"] as const;
export const UYGHUR = 5;

/**
 * Everyone who ever lived in the synthetic city during the span, one column per attribute (struct of arrays):
 * a million people fit in about 150 MB and loops over them touch only the columns they need. Person ids are
 * the indices; the truth files write them as `P<index+1>`.
 */
export class PersonTable {
  size = 0;
  private capacity: number;

  birthDay: Int32Array;
  /** Calendar year of birth (derived from birthDay, kept because nearly every rule needs it). */
  birthYear: Uint16Array;
  sex: Uint8Array;
  /** Index into the city's surname list (0 = no surname, for Uyghur names). */
  surname: Int32Array;
  given: string[] = [];
  ethnicity: Uint8Array;
  idNumber: string[] = [];
  /** County code of the ID number's address part. */
  idCounty: Int32Array;
  township: Uint8Array;
  village: Uint16Array;
  household: Int32Array;
  householdNext: Int32Array;
  householdPrevious: Int32Array;
  relation: Uint8Array;
  mother: Int32Array;
  father: Int32Array;
  spouse: Int32Array;
  marital: Uint8Array;
  /** Live-born children so far (birth order of the next child − 1). */
  parity: Uint8Array;
  deliveries: Uint8Array;
  lastDeliveryDay: Int32Array;
  lastChild: Int32Array;
  deathDay: Int32Array;
  leftDay: Int32Array;
  arrivedDay: Int32Array;
  /** 1 while the person's hukou is in the city (from `registeredDay`). */
  registered: Uint8Array;
  registeredDay: Int32Array;
  origin: Uint8Array;

  constructor(initialCapacity: number) {
    this.capacity = Math.max(16, Math.ceil(initialCapacity));
    const n = this.capacity;
    this.birthDay = new Int32Array(n);
    this.birthYear = new Uint16Array(n);
    this.sex = new Uint8Array(n);
    this.surname = new Int32Array(n);
    this.ethnicity = new Uint8Array(n);
    this.idCounty = new Int32Array(n);
    this.township = new Uint8Array(n);
    this.village = new Uint16Array(n);
    this.household = new Int32Array(n).fill(NONE);
    this.householdNext = new Int32Array(n).fill(NONE);
    this.householdPrevious = new Int32Array(n).fill(NONE);
    this.relation = new Uint8Array(n);
    this.mother = new Int32Array(n).fill(NONE);
    this.father = new Int32Array(n).fill(NONE);
    this.spouse = new Int32Array(n).fill(NONE);
    this.marital = new Uint8Array(n);
    this.parity = new Uint8Array(n);
    this.deliveries = new Uint8Array(n);
    this.lastDeliveryDay = new Int32Array(n).fill(ALWAYS);
    this.lastChild = new Int32Array(n).fill(NONE);
    this.deathDay = new Int32Array(n).fill(NEVER);
    this.leftDay = new Int32Array(n).fill(NEVER);
    this.arrivedDay = new Int32Array(n).fill(ALWAYS);
    this.registered = new Uint8Array(n);
    this.registeredDay = new Int32Array(n).fill(NEVER);
    this.origin = new Uint8Array(n);
  }

  /** Appends a person with the given birth day and sex; other columns take their defaults. */
  add(birthDay: number, sex: number): number {
    if (this.size === this.capacity) this.grow();
    const i = this.size++;
    this.birthDay[i] = birthDay;
    this.birthYear[i] = yearOfDay(birthDay);
    this.sex[i] = sex;
    this.given.push("");
    this.idNumber.push("");
    return i;
  }

  /** The table as plain data (columns cut to `size`), to be copied to a worker thread. */
  snapshot(): TableSnapshot {
    return { size: this.size, columns: typedColumnsOf(this, this.size), strings: { given: this.given, idNumber: this.idNumber } };
  }

  static restore(snapshot: TableSnapshot): PersonTable {
    const table = new PersonTable(0);
    Object.assign(table, snapshot.columns);
    table.given = snapshot.strings.given!;
    table.idNumber = snapshot.strings.idNumber!;
    table.size = snapshot.size;
    table.capacity = snapshot.size;
    return table;
  }

  fullName(i: number, surnames: readonly string[]): string {
    return surnames[this.surname[i]!]! + this.given[i]!;
  }

  /** Alive and in the city on `day`. */
  isPresent(i: number, day: number): boolean {
    return this.deathDay[i]! > day && this.leftDay[i]! > day && this.arrivedDay[i]! <= day;
  }

  private grow(): void {
    const n = Math.ceil(this.capacity * 1.5);
    this.birthDay = growTypedArray(this.birthDay, n, 0);
    this.birthYear = growTypedArray(this.birthYear, n, 0);
    this.sex = growTypedArray(this.sex, n, 0);
    this.surname = growTypedArray(this.surname, n, 0);
    this.ethnicity = growTypedArray(this.ethnicity, n, 0);
    this.idCounty = growTypedArray(this.idCounty, n, 0);
    this.township = growTypedArray(this.township, n, 0);
    this.village = growTypedArray(this.village, n, 0);
    this.household = growTypedArray(this.household, n, NONE);
    this.householdNext = growTypedArray(this.householdNext, n, NONE);
    this.householdPrevious = growTypedArray(this.householdPrevious, n, NONE);
    this.relation = growTypedArray(this.relation, n, 0);
    this.mother = growTypedArray(this.mother, n, NONE);
    this.father = growTypedArray(this.father, n, NONE);
    this.spouse = growTypedArray(this.spouse, n, NONE);
    this.marital = growTypedArray(this.marital, n, 0);
    this.parity = growTypedArray(this.parity, n, 0);
    this.deliveries = growTypedArray(this.deliveries, n, 0);
    this.lastDeliveryDay = growTypedArray(this.lastDeliveryDay, n, ALWAYS);
    this.lastChild = growTypedArray(this.lastChild, n, NONE);
    this.deathDay = growTypedArray(this.deathDay, n, NEVER);
    this.leftDay = growTypedArray(this.leftDay, n, NEVER);
    this.arrivedDay = growTypedArray(this.arrivedDay, n, ALWAYS);
    this.registered = growTypedArray(this.registered, n, 0);
    this.registeredDay = growTypedArray(this.registeredDay, n, NEVER);
    this.origin = growTypedArray(this.origin, n, 0);
    this.capacity = n;
  }
}
