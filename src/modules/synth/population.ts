import { City } from "./city.ts";
import { Namer } from "./namer.ts";
import { ALWAYS, FEMALE, MALE, Marital, NEVER, NONE, Relation, UYGHUR } from "./person-table.ts";
import { Random, WeightedChoice } from "./random.ts";
import { COUNTIES, ORIGINS, townshipWeights } from "./zaozhuang.ts";

/**
 * Age structure at the start of the span, by 5-year groups 0–4 … 95–99 (percent). Shaped to match the
 * Shandong 7th-census bulletin (山东省第七次全国人口普查公报, 2021): 0–14 18.78%, 15–59 60.32%, 60+ 20.90%,
 * 65+ 15.13%, with China's cohort shape (large 1962–1975 and 1985–1990 cohorts, the 2016–2017 two-child
 * births). The split inside each broad band is our approximation.
 */
const AGE_GROUP_PERCENT = [
  5.6, 6.6, 6.5, 5.0, 4.6, 5.8, 8.0, 6.6, 6.3, 8.3, 9.0, 7.3, 5.8, 5.9, 4.2, 2.6, 1.5, 0.7, 0.25, 0.05,
];

const DAYS_PER_YEAR = 365.2425;

/** Share of men by age: high SRB cohorts among the young, women outliving men among the old. */
function maleShare(age: number): number {
  if (age < 15) return 0.535;
  if (age < 30) return 0.525;
  if (age < 60) return 0.505;
  if (age < 80) return 0.49;
  return 0.42;
}

/** Share of women ever married by age (China 2020 census pattern, approximated). */
function everMarriedShare(age: number): number {
  if (age < 20) return 0.01;
  if (age < 23) return 0.2;
  if (age < 25) return 0.45;
  if (age < 28) return 0.7;
  if (age < 30) return 0.82;
  if (age < 35) return 0.92;
  return 0.97;
}

/** Chance that a person's mother is alive and in the city, by the person's age. */
function motherInCityShare(age: number): number {
  if (age < 18) return 0.97;
  if (age < 30) return 0.9;
  if (age < 45) return 0.6;
  if (age < 60) return 0.35;
  return 0.1;
}

/** Mean age of mothers at a birth, by the child's birth year. */
function meanMaternalAge(birthYear: number): number {
  if (birthYear < 1960) return 25;
  if (birthYear < 1980) return 24;
  if (birthYear < 1990) return 24.5;
  if (birthYear < 2000) return 25;
  if (birthYear < 2010) return 26.5;
  return 28;
}

/** The most children a mother of this cohort has in the city's records. */
function maxChildren(motherBirthYear: number): number {
  if (motherBirthYear < 1945) return 5;
  if (motherBirthYear < 1955) return 4;
  if (motherBirthYear < 1965) return 3;
  return 2;
}

/** Chance that an unmarried adult child still lives in the parents' household. */
function stayWithParentsShare(age: number): number {
  if (age < 18) return 1;
  if (age < 22) return 0.85;
  if (age < 26) return 0.6;
  if (age < 30) return 0.4;
  if (age < 40) return 0.2;
  return 0.08;
}

const NATIVE_ETHNICITY = new WeightedChoice([0.993, 0.006, 0.0005, 0.0003, 0.0002, 0]);
const ORIGIN_CHOICE = new WeightedChoice(ORIGINS.map((o) => o.weight));
const YEAR_KEYS = 200;
const SHANDONG = 37;
const SHANDONG_ORIGINS = ORIGINS.filter((o) => o.code.startsWith("37"));

/**
 * The city on the first day of the span: `count` people with an age pyramid like a Shandong prefecture's,
 * married couples, mothers and their children, households in villages, migrants without local hukou, names
 * and unique ID numbers. Deterministic for a given random stream.
 */
export function buildPopulation(count: number, startDay: number, extractionDay: number, floatingShare: number, seed: number): City {
  const random = Random.derive(seed, "population");
  const city = new City(Math.ceil(count * 1.3), Random.derive(seed, "id-numbers"), startDay, extractionDay);
  addPeople(city, count, random);
  pairCouples(city, random);
  const previousSibling = linkMothers(city, random);
  formHouseholds(city, random);
  chooseMigrantHouseholds(city, random, floatingShare);
  nameEveryone(city, random, previousSibling);
  issueIds(city, random);
  return city;
}

function ageAtStart(city: City, p: number): number {
  return Math.floor((city.startDay - city.persons.birthDay[p]!) / DAYS_PER_YEAR);
}

function addPeople(city: City, count: number, random: Random): void {
  const ages = new WeightedChoice(AGE_GROUP_PERCENT);
  const birthDays = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const years = ages.sample(random) * 5 + random.float() * 5;
    birthDays[i] = city.startDay - 1 - Math.floor(years * DAYS_PER_YEAR);
  }
  birthDays.sort();
  const townships = new WeightedChoice(townshipWeights());
  const persons = city.persons;
  for (let i = 0; i < count; i++) {
    const age = Math.floor((city.startDay - birthDays[i]!) / DAYS_PER_YEAR);
    const p = persons.add(birthDays[i]!, random.chance(maleShare(age)) ? MALE : FEMALE);
    const t = townships.sample(random);
    persons.township[p] = t;
    persons.village[p] = random.int(city.places.villageCount(t));
    persons.registered[p] = 1;
    persons.registeredDay[p] = ALWAYS;
  }
}

/** Buckets of person indices by township and birth year. */
function bucketKey(township: number, birthYear: number): number {
  return township * YEAR_KEYS + Math.min(YEAR_KEYS - 1, Math.max(0, birthYear - 1900));
}

function pairCouples(city: City, random: Random): void {
  const persons = city.persons;
  const singleMen: (number[] | undefined)[] = [];
  for (let p = 0; p < persons.size; p++) {
    if (persons.sex[p] !== MALE || ageAtStart(city, p) < 22) continue;
    const key = bucketKey(persons.township[p]!, persons.birthYear[p]!);
    (singleMen[key] ??= []).push(p);
  }
  const offsets = [0, 1, -1, 2, -2, 3];
  for (let w = 0; w < persons.size; w++) {
    if (persons.sex[w] !== FEMALE) continue;
    const age = ageAtStart(city, w);
    if (!random.chance(everMarriedShare(age))) continue;
    const target = persons.birthYear[w]! - Math.round(2 + 2.5 * random.normal());
    let husband = NONE;
    for (const offset of offsets) {
      const bucket = singleMen[bucketKey(persons.township[w]!, target + offset)];
      if (bucket === undefined || bucket.length === 0) continue;
      const k = random.int(bucket.length);
      husband = bucket[k]!;
      bucket[k] = bucket[bucket.length - 1]!;
      bucket.pop();
      break;
    }
    if (husband === NONE) {
      if (age >= 50) persons.marital[w] = Marital.Widowed;
      continue;
    }
    persons.spouse[w] = husband;
    persons.spouse[husband] = w;
    persons.marital[w] = Marital.Married;
    persons.marital[husband] = Marital.Married;
  }
  for (let p = 0; p < persons.size; p++) {
    if (persons.sex[p] === MALE && persons.marital[p] === Marital.Single && ageAtStart(city, p) >= 60 && random.chance(0.6)) {
      persons.marital[p] = Marital.Widowed;
    }
  }
}

/** Links children to mothers (oldest first, so birth spacing can be checked against the last child). */
function linkMothers(city: City, random: Random): Int32Array {
  const persons = city.persons;
  const previousSibling = new Int32Array(persons.size).fill(NONE);
  const mothers: (number[] | undefined)[] = [];
  for (let p = 0; p < persons.size; p++) {
    if (persons.sex[p] !== FEMALE || persons.marital[p] === Marital.Single) continue;
    (mothers[bucketKey(persons.township[p]!, persons.birthYear[p]!)] ??= []).push(p);
  }
  for (let c = 0; c < persons.size; c++) {
    if (!random.chance(motherInCityShare(ageAtStart(city, c)))) continue;
    const childBirth = persons.birthDay[c]!;
    const childYear = persons.birthYear[c]!;
    const motherAge = Math.min(45, Math.max(18, meanMaternalAge(childYear) + 4.5 * random.normal()));
    const bucket = mothers[bucketKey(persons.township[c]!, childYear - Math.round(motherAge))];
    if (bucket === undefined) continue;
    for (let attempt = 0; attempt < 3; attempt++) {
      const m = bucket[random.int(bucket.length)]!;
      const motherYear = persons.birthYear[m]!;
      if (persons.parity[m]! >= maxChildren(motherYear)) continue;
      if (childBirth - persons.lastDeliveryDay[m]! < 300) continue;
      if (childYear - motherYear < 16) continue;
      previousSibling[c] = persons.lastChild[m]!;
      persons.mother[c] = m;
      const husband = persons.spouse[m]!;
      if (husband !== NONE && childYear - persons.birthYear[husband]! >= 18) persons.father[c] = husband;
      persons.parity[m] = persons.parity[m]! + 1;
      persons.deliveries[m] = persons.deliveries[m]! + 1;
      persons.lastDeliveryDay[m] = childBirth;
      persons.lastChild[m] = c;
      break;
    }
  }
  return previousSibling;
}

function houseNumber(random: Random): number {
  return 1 + Math.floor(Math.pow(random.float(), 1.5) * 300);
}

function formHouseholds(city: City, random: Random): void {
  const persons = city.persons;
  const households = city.households;
  for (let w = 0; w < persons.size; w++) {
    const husband = persons.spouse[w]!;
    if (persons.sex[w] !== FEMALE || husband === NONE) continue;
    const h = households.add(persons.township[husband]!, persons.village[husband]!, houseNumber(random), true);
    households.join(persons, h, husband, Relation.Head);
    households.join(persons, h, w, Relation.Spouse);
    persons.township[w] = persons.township[husband]!;
    persons.village[w] = persons.village[husband]!;
  }
  for (let p = 0; p < persons.size; p++) {
    if (persons.household[p] !== NONE) continue;
    const age = ageAtStart(city, p);
    const mother = persons.mother[p]!;
    const youngest = persons.lastChild[p]!;
    let h = NONE;
    let relation: number = Relation.Head;
    if (mother !== NONE && persons.household[mother] !== NONE && persons.marital[p] === Marital.Single && random.chance(stayWithParentsShare(age))) {
      h = persons.household[mother]!;
      relation = persons.sex[p] === MALE ? Relation.Son : Relation.Daughter;
    } else if (
      persons.marital[p] === Marital.Widowed &&
      age >= 60 &&
      youngest !== NONE &&
      persons.household[youngest] !== NONE &&
      persons.marital[youngest] === Marital.Married &&
      random.chance(0.35)
    ) {
      h = persons.household[youngest]!;
      relation = persons.sex[p] === MALE ? Relation.Father : Relation.Mother;
    } else {
      h = households.add(persons.township[p]!, persons.village[p]!, houseNumber(random), true);
    }
    households.join(persons, h, p, relation);
    persons.township[p] = households.township[h]!;
    persons.village[p] = households.village[h]!;
  }
}

/**
 * Marks some households as migrants living in the city without its hukou (流动人口); their ID numbers will
 * carry their home county (set in `idCounty` now). Their parents are elsewhere, so links out of the
 * household are cut.
 */
function chooseMigrantHouseholds(city: City, random: Random, floatingShare: number): void {
  const persons = city.persons;
  const households = city.households;
  // Working-age heads lead about 70% of households; scale so the share of people is about floatingShare.
  const chance = Math.min(1, floatingShare / 0.7);
  for (let h = 0; h < households.size; h++) {
    const head = households.head[h]!;
    const age = ageAtStart(city, head);
    if (age < 18 || age > 55 || !random.chance(chance)) continue;
    households.registered[h] = 0;
    const from = ORIGINS[ORIGIN_CHOICE.sample(random)]!;
    const uyghur = from.code.startsWith("65") && random.chance(0.6);
    for (let p = households.first[h]!; p !== NONE; p = persons.householdNext[p]!) {
      persons.idCounty[p] = Number(from.code);
      persons.registered[p] = 0;
      persons.registeredDay[p] = NEVER;
      if (uyghur) persons.ethnicity[p] = UYGHUR;
      if (persons.mother[p] !== NONE && persons.household[persons.mother[p]!] !== h) persons.mother[p] = NONE;
      if (persons.father[p] !== NONE && persons.household[persons.father[p]!] !== h) persons.father[p] = NONE;
    }
  }
}

function nameEveryone(city: City, random: Random, previousSibling: Int32Array): void {
  const persons = city.persons;
  const namer = new Namer(city, random);
  for (let p = 0; p < persons.size; p++) {
    const mother = persons.mother[p]!;
    if (persons.ethnicity[p] !== UYGHUR) {
      persons.ethnicity[p] = mother !== NONE ? persons.ethnicity[mother]! : NATIVE_ETHNICITY.sample(random);
    }
    const national = persons.idCounty[p]! !== 0 && Math.floor(persons.idCounty[p]! / 10000) !== SHANDONG;
    if (mother === NONE && persons.father[p] === NONE) {
      namer.nameAdult(p, national);
    } else {
      const sibling = previousSibling[p]!;
      const generationShare = persons.birthYear[p]! < 1990 ? 0.3 : 0.1;
      namer.nameChild(p, sibling !== NONE && persons.mother[sibling] === mother ? sibling : NONE, generationShare, national);
    }
  }
}

/** Native ID numbers carry the county of first registration: mostly where they live, sometimes elsewhere. */
function issueIds(city: City, random: Random): void {
  const persons = city.persons;
  const places = city.places;
  for (let p = 0; p < persons.size; p++) {
    if (persons.registered[p] === 1) {
      const u = random.float();
      const home = Number(COUNTIES[places.countyOfTownship[persons.township[p]!]!]!.code);
      if (ageAtStart(city, p) < 16 || u < 0.9) persons.idCounty[p] = home;
      else if (u < 0.97) persons.idCounty[p] = Number(COUNTIES[random.int(COUNTIES.length)]!.code);
      else persons.idCounty[p] = Number(random.pick(SHANDONG_ORIGINS).code);
    }
    persons.idNumber[p] = city.ids.allocate(persons.idCounty[p]!, persons.birthDay[p]!, persons.sex[p]!);
  }
}
