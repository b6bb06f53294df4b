import { addArrivingHousehold, MEAN_ARRIVING_HOUSEHOLD } from "./arrivals.ts";
import { drawCauseOfDeath, drawDeathPlace } from "./causes-of-death.ts";
import type { City } from "./city.ts";
import { ageOnDay, yearStart } from "./civil-date.ts";
import { createEventLog, type EventLog } from "./event-log.ts";
import { MarriageMarket } from "./marriage-market.ts";
import { Namer } from "./namer.ts";
import { FEMALE, MALE, Marital, NONE, Origin, Relation, UYGHUR } from "./person-table.ts";
import { type ResolvedProfile, srbFor } from "./profile.ts";
import { Random, WeightedChoice } from "./random.ts";
import {
  annualDeathProbability,
  firstBirthProbability,
  INFANT_DEATH_PROBABILITY,
  laterBirthCeiling,
  laterBirthWeight,
  marriageProbability,
} from "./vital-rates.ts";
import { COUNTIES, ORIGINS, TOWNSHIPS } from "./zaozhuang.ts";

/** Kinds of proposed events; on the same day they apply in proposal order. */
const Kind = { Death: 0, Birth: 1, Marriage: 2, Move: 3, HouseholdLeaves: 4, PersonLeaves: 5, Arrival: 6 } as const;

/** Legal minimum age at marriage for women (Civil Code 2020, art. 1047; men: see MarriageMarket). */
const MINIMUM_AGE_WOMEN = 20;
/** Share of twin pairs that are monozygotic (and so of the same sex): about a third. */
const MONOZYGOTIC_SHARE = 1 / 3;
/** Hospital choice for a delivery: [city MCH, county MCH, county general, county TCM]. */
const HOSPITAL_CHOICE = new WeightedChoice([0.15, 0.45, 0.33, 0.07]);
const DESTINATION_CHOICE = new WeightedChoice(ORIGINS.map((o) => o.weight));
const TOWNSHIPS_BY_COUNTY: readonly (readonly number[])[] = COUNTIES.map((c) =>
  TOWNSHIPS.flatMap((t, i) => (t.countyCode === c.code ? [i] : [])),
);

/**
 * Simulates the span year by year: deaths, births (birth order, twins, the profile's SRB), marriages, moves
 * between townships, and migrants leaving and arriving. Within a year every event gets a day, events are
 * applied in day order, and each is checked against the state of that day (a mother alive and in the
 * city, a groom still single). Mutates `city`; returns the true event tables.
 */
export function simulateEvents(city: City, resolved: ResolvedProfile, seed: number): EventLog {
  const simulation = new Simulation(city, resolved, seed);
  for (let year = resolved.firstYear; year <= resolved.lastYear; year++) simulation.runYear(year);
  return simulation.log;
}

class Simulation {
  readonly log: EventLog;
  private readonly random: Random;
  private readonly namer: Namer;
  private readonly market: MarriageMarket;
  private readonly demography: ResolvedProfile["profile"]["demography"];
  private eligible = new Int32Array(0);
  private weights = new Float64Array(0);
  private kinds: number[] = [];
  private subjects: number[] = [];
  private days: number[] = [];
  private extras: number[] = [];

  constructor(
    private readonly city: City,
    private readonly resolved: ResolvedProfile,
    seed: number,
  ) {
    this.random = Random.derive(seed, "events");
    this.namer = new Namer(city, Random.derive(seed, "event-names"));
    this.market = new MarriageMarket(city, Random.derive(seed, "marriage-market"));
    this.demography = resolved.profile.demography;
    this.log = createEventLog(city.persons.size);
  }

  runYear(year: number): void {
    const first = yearStart(year);
    const length = yearStart(year + 1) - first;
    this.kinds = [];
    this.subjects = [];
    this.days = [];
    this.extras = [];
    const present = this.proposePersonEvents(year, first, length);
    this.proposeHouseholdChanges(first, length);
    const arrivals = this.random.poisson((this.demography.inMigrationRate * present) / MEAN_ARRIVING_HOUSEHOLD);
    for (let i = 0; i < arrivals; i++) this.propose(Kind.Arrival, NONE, first + this.random.int(length), 0);

    // Day order, ties in proposal order: sort numeric keys day·2²⁴ + index (no comparator calls).
    const keys = new Float64Array(this.kinds.length);
    for (let i = 0; i < keys.length; i++) keys[i] = this.days[i]! * 16777216 + i;
    keys.sort();
    for (const key of keys) {
      const i = key % 16777216;
      this.apply(this.kinds[i]!, this.subjects[i]!, this.days[i]!, this.extras[i]!, year);
    }
  }

  private propose(kind: number, subject: number, day: number, extra: number): void {
    this.kinds.push(kind);
    this.subjects.push(subject);
    this.days.push(day);
    this.extras.push(extra);
  }

  /**
   * One pass over everyone present on the first day of the year: deaths, deliveries, first marriages and
   * young adults leaving. First births follow a fixed hazard (newly-weds have children at a steady rate);
   * later births are scaled so the year's births meet the profile's crude birth rate.
   */
  private proposePersonEvents(year: number, first: number, length: number): number {
    const persons = this.city.persons;
    const random = this.random;
    const mortality = this.demography.mortalityScale;
    const marriageScale = this.demography.marriageRateScale;
    if (this.eligible.length < persons.size) {
      this.eligible = new Int32Array(Math.ceil(persons.size * 1.2));
      this.weights = new Float64Array(Math.ceil(persons.size * 1.2));
    }
    let present = 0;
    let candidates = 0;
    let laterWeight = 0;
    let expectedFirstBirths = 0;
    for (let p = 0; p < persons.size; p++) {
      if (!persons.isPresent(p, first)) continue;
      present++;
      const age = year - persons.birthYear[p]!;
      const sex = persons.sex[p]!;
      if (random.chance(annualDeathProbability(age, sex) * mortality)) {
        this.propose(Kind.Death, p, Math.max(first + random.int(length), persons.birthDay[p]! + 1), 0);
      }
      const single = persons.marital[p] === Marital.Single;
      if (age >= 18 && age <= 22 && single && persons.registered[p] === 1 && random.chance(0.02)) {
        // Young adults leave for university or work elsewhere and take their hukou with them.
        this.propose(Kind.PersonLeaves, p, first + random.int(length), 0);
      }
      if (sex !== FEMALE || age < 15 || age > 49) continue;
      if (single && age >= 20 && random.chance(marriageProbability(age, year) * marriageScale)) {
        this.propose(Kind.Marriage, p, first + random.int(length), 0);
      }
      const married = persons.marital[p] === Marital.Married && persons.spouse[p] !== NONE;
      const parity = persons.parity[p]!;
      if (parity === 0) {
        const chance = firstBirthProbability(age, year, married);
        expectedFirstBirths += chance;
        if (chance > 0 && random.chance(chance)) this.propose(Kind.Birth, p, first + random.int(length), 0);
        continue;
      }
      const w = laterBirthWeight(age, parity, year, first - persons.lastDeliveryDay[p]!, married);
      if (w <= 0) continue;
      this.eligible[candidates] = p;
      this.weights[candidates] = w;
      candidates++;
      laterWeight += w;
    }
    const target = (this.resolved.birthRates[year - this.resolved.firstYear]! / 1000) * present;
    const laterDeliveries = Math.max(0, target / (1 + this.demography.twinRate) - expectedFirstBirths);
    const scale = laterDeliveries / Math.max(laterWeight, 1e-9);
    for (let i = 0; i < candidates; i++) {
      const p = this.eligible[i]!;
      const chance = Math.min(laterBirthCeiling(persons.parity[p]!), this.weights[i]! * scale);
      if (random.chance(chance)) this.propose(Kind.Birth, p, first + random.int(length), 0);
    }
    return present;
  }

  /** Moves, and households leaving the city (registered ones rarely, migrants without hukou often). */
  private proposeHouseholdChanges(first: number, length: number): void {
    const households = this.city.households;
    const random = this.random;
    for (let h = 0; h < households.size; h++) {
      if (!this.hasPresentMember(h, first)) continue;
      if (households.registered[h] === 1) {
        if (random.chance(this.demography.moveRate)) this.propose(Kind.Move, h, first + random.int(length), this.moveDestination(households.township[h]!));
        else if (random.chance(this.demography.outMigrationRate)) this.propose(Kind.HouseholdLeaves, h, first + random.int(length), 0);
      } else if (random.chance(0.08)) {
        this.propose(Kind.HouseholdLeaves, h, first + random.int(length), 0);
      }
    }
  }

  private hasPresentMember(h: number, day: number): boolean {
    const persons = this.city.persons;
    for (let p = this.city.households.first[h]!; p !== NONE; p = persons.householdNext[p]!) {
      if (persons.isPresent(p, day)) return true;
    }
    return false;
  }

  /** Most moves stay in the county; moves across counties go mostly to urban subdistricts. */
  private moveDestination(from: number): number {
    const county = this.city.places.countyOfTownship[from]!;
    const options = this.random.chance(0.6) ? TOWNSHIPS_BY_COUNTY[county]! : TOWNSHIPS_BY_COUNTY[this.random.int(COUNTIES.length)]!;
    let to = this.random.pick(options);
    if (to === from) to = this.random.pick(options);
    return to;
  }

  private apply(kind: number, subject: number, day: number, extra: number, year: number): void {
    switch (kind) {
      case Kind.Death:
        return this.die(subject, day);
      case Kind.Birth:
        return this.deliver(subject, day, year);
      case Kind.Marriage:
        return this.marry(subject, day);
      case Kind.Move:
        return this.moveHousehold(subject, day, extra);
      case Kind.HouseholdLeaves:
        return this.householdLeaves(subject, day);
      case Kind.PersonLeaves:
        return this.personLeaves(subject, day);
      case Kind.Arrival:
        this.arrive(day);
        return;
    }
  }

  private die(p: number, day: number): void {
    const persons = this.city.persons;
    if (!persons.isPresent(p, day)) return;
    persons.deathDay[p] = day;
    const age = Math.floor((day - persons.birthDay[p]!) / 365.2425);
    const row = this.log.deaths.add();
    const deaths = this.log.deaths;
    deaths.set(row, "person", p);
    deaths.set(row, "day", day);
    deaths.set(row, "cause", drawCauseOfDeath(this.random, age));
    deaths.set(row, "place", drawDeathPlace(this.random, age));
    deaths.set(row, "township", persons.township[p]!);
    deaths.set(row, "age", age);
    const spouse = persons.spouse[p]!;
    if (spouse !== NONE && persons.marital[spouse] === Marital.Married) persons.marital[spouse] = Marital.Widowed;
  }

  private deliver(mother: number, day: number, year: number): void {
    const { persons, households, places } = this.city;
    const random = this.random;
    if (!persons.isPresent(mother, day) || day - persons.lastDeliveryDay[mother]! < 300) return;
    const motherAge = ageOnDay(persons.birthDay[mother]!, day);
    if (motherAge < 15) return;
    const twins = random.chance(this.demography.twinRate);
    const plurality = twins ? 2 : 1;
    const township = persons.township[mother]!;
    const married = persons.marital[mother] === Marital.Married;
    const father = married ? persons.spouse[mother]! : NONE;
    const county = places.countyOfTownship[township]!;
    const hospital = places.deliveryHospitals[county]![HOSPITAL_CHOICE.sample(random)]!;
    const weeks = twins ? Math.round(Math.min(40, Math.max(30, 36 + 1.8 * random.normal()))) : Math.round(Math.min(42, Math.max(30, 39 + 1.3 * random.normal())));
    const registrationCounty = this.registrationCounty(mother, father);
    const national = Math.floor(persons.idCounty[mother]! / 10000) !== 37;
    const identical = twins && random.chance(MONOZYGOTIC_SHARE);
    // A Uyghur name follows the father's line (own name · father's name), so when one parent is Uyghur the
    // child takes the father's ethnicity; otherwise the mother's.
    const motherEthnicity = persons.ethnicity[mother]!;
    const fatherEthnicity = father === NONE ? motherEthnicity : persons.ethnicity[father]!;
    const childEthnicity = motherEthnicity === UYGHUR || fatherEthnicity === UYGHUR ? fatherEthnicity : motherEthnicity;
    // The child's hukou follows registrationCounty: a migrant mother's child registered through its father
    // joins the father's household.
    const viaFather = persons.registered[mother] !== 1 && father !== NONE && persons.registered[father] === 1;
    const parentAtHome = viaFather ? father : mother;
    const householdOfChild = persons.household[parentAtHome]!;
    const deliveryRow = this.log.births.size;
    let firstSex = 0;
    for (let k = 0; k < plurality; k++) {
      const order = persons.parity[mother]! + 1;
      let sex = firstSex;
      if (!identical || k === 0) {
        const srb = srbFor(this.resolved, township, year, order);
        sex = random.chance(srb / (100 + srb)) ? MALE : FEMALE;
        firstSex = sex;
      }
      const child = persons.add(day, sex);
      persons.mother[child] = mother;
      persons.father[child] = father;
      persons.township[child] = persons.township[parentAtHome]!;
      persons.village[child] = persons.village[parentAtHome]!;
      persons.origin[child] = Origin.Born;
      persons.ethnicity[child] = childEthnicity;
      persons.idCounty[child] = registrationCounty;
      persons.idNumber[child] = this.city.ids.allocate(registrationCounty, day, sex);
      if (householdOfChild !== NONE) households.join(persons, householdOfChild, child, this.childRelation(parentAtHome, sex));
      this.namer.nameChild(child, persons.lastChild[mother]!, k === 1 ? 0.5 : 0.1, national);

      const row = this.log.births.add();
      const births = this.log.births;
      births.set(row, "child", child);
      births.set(row, "mother", mother);
      births.set(row, "father", father);
      births.set(row, "day", day);
      births.set(row, "order", order);
      births.set(row, "deliveryOrder", persons.deliveries[mother]! + 1);
      births.set(row, "plurality", plurality);
      births.set(row, "twinIndex", k + 1);
      births.set(row, "delivery", deliveryRow);
      births.set(row, "township", township);
      births.set(row, "hospital", hospital);
      births.set(row, "weight", Math.round(Math.min(5200, Math.max(900, (twins ? 2500 : 3300) + (twins ? 450 : 420) * random.normal()))));
      births.set(row, "weeks", weeks);
      births.set(row, "motherAge", motherAge);

      persons.parity[mother] = order;
      persons.lastChild[mother] = child;
      this.scheduleInfantDeath(child, day, twins);
    }
    persons.deliveries[mother] = persons.deliveries[mother]! + 1;
    persons.lastDeliveryDay[mother] = day;
  }

  /**
   * Where a newborn's hukou (and so its ID number's address code) will be: the mother's county if her hukou
   * is in the city, else the father's if his is, else the mother's home county.
   */
  private registrationCounty(mother: number, father: number): number {
    const { persons, places } = this.city;
    if (persons.registered[mother] === 1) return Number(COUNTIES[places.countyOfTownship[persons.township[mother]!]!]!.code);
    if (father !== NONE && persons.registered[father] === 1) {
      return Number(COUNTIES[places.countyOfTownship[persons.township[father]!]!]!.code);
    }
    return persons.idCounty[mother]!;
  }

  /** The child's relation to the head of the household of `parent`. */
  private childRelation(parent: number, sex: number): number {
    const relation = this.city.persons.relation[parent]!;
    if (relation === Relation.Head || relation === Relation.Spouse) return sex === MALE ? Relation.Son : Relation.Daughter;
    if (relation === Relation.Son || relation === Relation.Daughter) return sex === MALE ? Relation.Grandson : Relation.Granddaughter;
    return Relation.Other;
  }

  /** Infant deaths cluster in the first weeks; twins die about five times as often. */
  private scheduleInfantDeath(child: number, birthDay: number, twin: boolean): void {
    if (!this.random.chance(INFANT_DEATH_PROBABILITY * (twin ? 5 : 1))) return;
    const day = birthDay + 1 + Math.floor(364 * this.random.float() ** 3);
    if (day > this.city.extractionDay) return;
    this.die(child, day);
  }

  private marry(wife: number, day: number): void {
    const { persons, households, places } = this.city;
    if (!persons.isPresent(wife, day) || persons.marital[wife] !== Marital.Single) return;
    if (ageOnDay(persons.birthDay[wife]!, day) < MINIMUM_AGE_WOMEN) return;
    const husband = this.market.findHusband(wife, day);
    if (husband === NONE) return;
    const wifeTownship = persons.township[wife]!;
    const husbandTownship = persons.township[husband]!;
    persons.spouse[wife] = husband;
    persons.spouse[husband] = wife;
    persons.marital[wife] = Marital.Married;
    persons.marital[husband] = Marital.Married;

    // The couple registers in the county of either spouse whose hukou is in the city (−1: neither, elsewhere).
    const husbandRegistered = persons.registered[husband] === 1;
    const wifeRegistered = persons.registered[wife] === 1;
    let office = -1;
    if (husbandRegistered || wifeRegistered) {
      const party = husbandRegistered && (!wifeRegistered || this.random.chance(0.5)) ? husband : wife;
      office = places.countyOfTownship[persons.township[party]!]!;
    }
    const row = this.log.marriages.add();
    const marriages = this.log.marriages;
    marriages.set(row, "husband", husband);
    marriages.set(row, "wife", wife);
    marriages.set(row, "day", day);
    marriages.set(row, "office", office);
    marriages.set(row, "husbandTownship", husbandTownship);
    marriages.set(row, "wifeTownship", wifeTownship);

    // A registered bride moves into the groom's household or a new one in his village; a migrant groom's
    // bride keeps her own registration (her hukou cannot join a household that is not in the registry).
    if (persons.registered[husband] !== persons.registered[wife]) return;
    const hh = persons.household[husband]!;
    households.leave(persons, wife);
    if (hh !== NONE && households.head[hh] === husband && this.random.chance(0.5)) {
      households.join(persons, hh, wife, Relation.Spouse);
    } else if (hh !== NONE && this.random.chance(0.4)) {
      households.join(persons, hh, wife, Relation.Other);
    } else {
      households.leave(persons, husband);
      const fresh = households.add(husbandTownship, persons.village[husband]!, 1 + this.random.int(300), persons.registered[husband] === 1);
      households.join(persons, fresh, husband, Relation.Head);
      households.join(persons, fresh, wife, Relation.Spouse);
    }
    if (wifeTownship !== husbandTownship) this.logMove(wife, day, wifeTownship, husbandTownship, 1);
    persons.township[wife] = husbandTownship;
    persons.village[wife] = persons.village[husband]!;
  }

  private moveHousehold(h: number, day: number, to: number): void {
    const { persons, households } = this.city;
    const from = households.township[h]!;
    if (from === to) return;
    const village = this.random.int(this.city.places.villageCount(to));
    households.township[h] = to;
    households.village[h] = village;
    households.houseNumber[h] = 1 + this.random.int(300);
    for (let p = households.first[h]!; p !== NONE; p = persons.householdNext[p]!) {
      if (!persons.isPresent(p, day)) continue;
      this.logMove(p, day, persons.township[p]!, to, 0);
      persons.township[p] = to;
      persons.village[p] = village;
    }
  }

  private logMove(p: number, day: number, from: number, to: number, reason: number): void {
    const row = this.log.moves.add();
    const moves = this.log.moves;
    moves.set(row, "person", p);
    moves.set(row, "day", day);
    moves.set(row, "from", from);
    moves.set(row, "to", to);
    moves.set(row, "reason", reason);
  }

  private householdLeaves(h: number, day: number): void {
    const { persons, households } = this.city;
    const destination = households.registered[h] === 1 ? this.randomDestination() : persons.idCounty[households.head[h]!]!;
    for (let p = households.first[h]!; p !== NONE; p = persons.householdNext[p]!) {
      if (persons.isPresent(p, day)) this.leave(p, day, destination);
    }
  }

  private personLeaves(p: number, day: number): void {
    const persons = this.city.persons;
    if (!persons.isPresent(p, day) || persons.marital[p] !== Marital.Single) return;
    this.leave(p, day, this.randomDestination());
  }

  private leave(p: number, day: number, destination: number): void {
    const persons = this.city.persons;
    persons.leftDay[p] = day;
    const row = this.log.migrations.add();
    const migrations = this.log.migrations;
    migrations.set(row, "person", p);
    migrations.set(row, "day", day);
    migrations.set(row, "direction", 2);
    migrations.set(row, "place", destination);
    migrations.set(row, "hukou", persons.registered[p]!);
  }

  private randomDestination(): number {
    return Number(ORIGINS[DESTINATION_CHOICE.sample(this.random)]!.code);
  }

  private arrive(day: number): void {
    const members = addArrivingHousehold(this.city, this.namer, this.random, this.log, day, this.demography.hukouTransferShare);
    const persons = this.city.persons;
    for (const p of members) {
      if (persons.sex[p] === MALE && persons.marital[p] === Marital.Single) this.market.add(p);
    }
  }
}
