import type { TableSnapshot } from "./grow-typed-array.ts";
import { HouseholdTable } from "./household-table.ts";
import { IdAllocator } from "./id-allocator.ts";
import { PersonTable } from "./person-table.ts";
import { Places } from "./places.ts";
import type { Random } from "./random.ts";
import { SURNAMES } from "./surnames.ts";

/**
 * The state of the synthetic city: its people and households, the surnames in use, its places, and the
 * allocator that keeps ID numbers unique. Population building and event simulation mutate it; the extract
 * writers only read it.
 */
export class City {
  persons: PersonTable;
  households: HouseholdTable;
  /** Index 0 is the empty surname of names without one (Uyghur names); 1.. follow SURNAMES. */
  surnames: string[] = ["", ...SURNAMES];
  private readonly surnameIndex = new Map<string, number>(this.surnames.map((s, i) => [s, i]));
  readonly places = new Places();
  readonly ids: IdAllocator;

  constructor(
    expectedPersons: number,
    idRandom: Random,
    /** First day of the simulated span. */
    readonly startDay: number,
    /** Last day of the span: the day the departments' extracts are taken. */
    readonly extractionDay: number,
  ) {
    this.persons = new PersonTable(expectedPersons);
    this.households = new HouseholdTable(Math.ceil(expectedPersons / 2.5));
    this.ids = new IdAllocator(idRandom, expectedPersons);
  }

  /** The city as plain data, to be copied to a worker thread that writes some of the files. */
  snapshot(): CitySnapshot {
    return {
      persons: this.persons.snapshot(),
      households: this.households.snapshot(),
      surnames: this.surnames,
      startDay: this.startDay,
      extractionDay: this.extractionDay,
    };
  }

  /** A city to read from (its ID allocator is empty: no one is added after the simulation). */
  static restore(snapshot: CitySnapshot, idRandom: Random): City {
    const city = new City(0, idRandom, snapshot.startDay, snapshot.extractionDay);
    city.persons = PersonTable.restore(snapshot.persons);
    city.households = HouseholdTable.restore(snapshot.households);
    city.surnames = snapshot.surnames;
    return city;
  }

  /** Index of a surname, adding it (e.g. a combined 张杨) when new. */
  surnameId(surname: string): number {
    let id = this.surnameIndex.get(surname);
    if (id === undefined) {
      id = this.surnames.length;
      this.surnames.push(surname);
      this.surnameIndex.set(surname, id);
    }
    return id;
  }

  fullName(p: number): string {
    return this.surnames[this.persons.surname[p]!]! + this.persons.given[p]!;
  }
}

export interface CitySnapshot {
  readonly persons: TableSnapshot;
  readonly households: TableSnapshot;
  readonly surnames: string[];
  readonly startDay: number;
  readonly extractionDay: number;
}
