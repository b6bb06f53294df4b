import type { City } from "./city.ts";
import { daysFromCivil, yearOfDay } from "./civil-date.ts";
import type { EventLog } from "./event-log.ts";
import type { Namer } from "./namer.ts";
import { FEMALE, MALE, Marital, NONE, Origin, Relation, UYGHUR } from "./person-table.ts";
import { type Random, WeightedChoice } from "./random.ts";
import { ORIGINS, TOWNSHIPS, townshipWeights } from "./zaozhuang.ts";

const ORIGIN_CHOICE = new WeightedChoice(ORIGINS.map((o) => o.weight));
/** Migrants settle mostly in the urban subdistricts (街道). */
const DESTINATION_CHOICE = new WeightedChoice(
  Array.from(townshipWeights(), (w, i) => (TOWNSHIPS[i]!.kind === "subdistrict" ? 3 * w : w)),
);

/** Average size of an arriving household, used to turn a migrant rate into household arrivals. */
export const MEAN_ARRIVING_HOUSEHOLD = 1.9;

/**
 * A household of migrants arriving on `day` from another county: a young single worker (55%) or a couple
 * with up to two children. With probability `hukouShare` they transfer their hukou into the city (迁入) and
 * enter the registry; otherwise they live there as 流动人口. Returns the members.
 */
export function addArrivingHousehold(city: City, namer: Namer, random: Random, log: EventLog, day: number, hukouShare: number): number[] {
  const persons = city.persons;
  const from = ORIGINS[ORIGIN_CHOICE.sample(random)]!;
  const originCode = Number(from.code);
  const uyghur = from.code.startsWith("65") && random.chance(0.6);
  const national = !from.code.startsWith("37");
  const registered = random.chance(hukouShare);
  const township = DESTINATION_CHOICE.sample(random);
  const h = city.households.add(township, random.int(city.places.villageCount(township)), 1 + random.int(300), registered);
  const village = city.households.village[h]!;
  const year = yearOfDay(day);
  const members: number[] = [];

  const addPerson = (ageYears: number, sex: number, relation: number): number => {
    const birthDay = Math.min(day - 1, daysFromCivil(year - ageYears, 1, 1) + random.int(365));
    const p = persons.add(birthDay, sex);
    persons.township[p] = township;
    persons.village[p] = village;
    persons.origin[p] = Origin.Migrant;
    persons.arrivedDay[p] = day;
    persons.idCounty[p] = originCode;
    persons.ethnicity[p] = uyghur ? UYGHUR : random.chance(0.006) ? 1 : 0;
    if (registered) {
      persons.registered[p] = 1;
      persons.registeredDay[p] = day;
    }
    city.households.join(persons, h, p, relation);
    members.push(p);
    return p;
  };

  if (random.chance(0.55)) {
    const p = addPerson(random.between(20, 35), random.chance(0.6) ? MALE : FEMALE, Relation.Head);
    namer.nameAdult(p, national);
  } else {
    const husbandAge = random.between(24, 45);
    const husband = addPerson(husbandAge, MALE, Relation.Head);
    const wife = addPerson(Math.max(20, husbandAge - Math.round(2 + 2 * random.normal())), FEMALE, Relation.Spouse);
    namer.nameAdult(husband, national);
    namer.nameAdult(wife, national);
    persons.spouse[husband] = wife;
    persons.spouse[wife] = husband;
    persons.marital[husband] = Marital.Married;
    persons.marital[wife] = Marital.Married;
    const wifeAge = year - persons.birthYear[wife]!;
    const children = random.int(3);
    let sibling = NONE;
    for (let c = 0; c < children; c++) {
      const age = random.int(Math.min(15, wifeAge - 19));
      const sex = random.chance(0.53) ? MALE : FEMALE;
      const child = addPerson(age, sex, sex === MALE ? Relation.Son : Relation.Daughter);
      persons.mother[child] = wife;
      persons.father[child] = husband;
      namer.nameChild(child, sibling, 0.1, national);
      sibling = child;
    }
    persons.parity[wife] = children;
    persons.deliveries[wife] = children;
    persons.lastChild[wife] = sibling;
    if (sibling !== NONE) persons.lastDeliveryDay[wife] = persons.birthDay[sibling]!;
  }

  for (const p of members) {
    persons.idNumber[p] = city.ids.allocate(originCode, persons.birthDay[p]!, persons.sex[p]!);
    const row = log.migrations.add();
    log.migrations.set(row, "person", p);
    log.migrations.set(row, "day", day);
    log.migrations.set(row, "direction", 1);
    log.migrations.set(row, "place", originCode);
    log.migrations.set(row, "hukou", registered ? 1 : 0);
  }
  return members;
}
