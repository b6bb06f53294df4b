import { join } from "node:path";
import { CAUSES_OF_DEATH, DEATH_PLACES } from "./causes-of-death.ts";
import type { City } from "./city.ts";
import { formatDay, yearOfDay } from "./civil-date.ts";
import type { EventLog } from "./event-log.ts";
import { MOVE_REASONS } from "./event-log.ts";
import { eventId, personId } from "./extracts/extract.ts";
import { listRegistry } from "./extracts/household-registry.ts";
import type { Observations } from "./observations.ts";
import { ALWAYS, ETHNICITIES, NEVER, NONE, ORIGIN_NAMES, RELATIONS } from "./person-table.ts";
import { type ResolvedProfile, srbFor } from "./profile.ts";
import { CsvTableWriter } from "./writers/csv-table-writer.ts";
import { COUNTIES, TOWNSHIPS } from "./zaozhuang.ts";

/** Truth tables, written to DIR/truth/ (UTF-8, LF). README.md documents every column. */
export const TRUTH_FILES = [
  "persons.csv",
  "households.csv",
  "births.csv",
  "deaths.csv",
  "marriages.csv",
  "moves.csv",
  "migrations.csv",
  "srb.csv",
  "errors.csv",
] as const;

function isoOrBlank(day: number): string {
  return day === NEVER || day === ALWAYS ? "" : formatDay(day, "iso");
}

function idOrBlank(p: number): string {
  return p === NONE ? "" : personId(p);
}

/** Streams `rows` rows to a CSV file; `fill` writes row i into the reused cells array. */
async function writeTable(path: string, headers: readonly string[], rows: number, fill: (i: number, cells: string[]) => boolean): Promise<number> {
  const writer = new CsvTableWriter(path, headers, "utf8", "\n", "none");
  const cells = new Array<string>(headers.length).fill("");
  for (let i = 0; i < rows; i++) {
    if (!fill(i, cells)) continue;
    if (writer.write(cells)) await writer.drain();
  }
  return writer.close();
}

export async function writeTruth(dir: string, city: City, log: EventLog, observations: Observations, resolved: ResolvedProfile): Promise<void> {
  const { persons, households, places } = city;
  const townshipCode = (t: number): string => TOWNSHIPS[t]!.code;
  const listed = listRegistry(city, log, observations);

  await writeTable(
    join(dir, "persons.csv"),
    [
      "person_id", "surname", "given_name", "sex", "birth_date", "id_number", "ethnicity", "origin", "in_household_registry",
      "hukou_date", "arrival_date", "departure_date", "death_date", "township_code", "village_code", "household_id",
      "relation", "mother_id", "father_id", "spouse_id",
    ],
    persons.size,
    (p, cells) => {
      const h = persons.household[p]!;
      cells[0] = personId(p);
      cells[1] = city.surnames[persons.surname[p]!]!;
      cells[2] = persons.given[p]!;
      cells[3] = String(persons.sex[p]);
      cells[4] = formatDay(persons.birthDay[p]!, "iso");
      cells[5] = persons.idNumber[p]!;
      cells[6] = ETHNICITIES[persons.ethnicity[p]!]!;
      cells[7] = ORIGIN_NAMES[persons.origin[p]!]!;
      cells[8] = listed[p] === 1 ? "1" : "0";
      cells[9] = isoOrBlank(persons.registeredDay[p]!);
      cells[10] = isoOrBlank(persons.arrivedDay[p]!);
      cells[11] = isoOrBlank(persons.leftDay[p]!);
      cells[12] = isoOrBlank(persons.deathDay[p]!);
      cells[13] = townshipCode(persons.township[p]!);
      cells[14] = places.villageCode(persons.township[p]!, persons.village[p]!);
      cells[15] = h === NONE ? "" : `H${h + 1}`;
      cells[16] = h === NONE ? "" : RELATIONS[persons.relation[p]!]!;
      cells[17] = idOrBlank(persons.mother[p]!);
      cells[18] = idOrBlank(persons.father[p]!);
      cells[19] = idOrBlank(persons.spouse[p]!);
      return true;
    },
  );

  await writeTable(
    join(dir, "households.csv"),
    ["household_id", "household_number", "township_code", "village_code", "house_number", "hukou_in_city", "head_id"],
    households.size,
    (h, cells) => {
      cells[0] = `H${h + 1}`;
      cells[1] = households.number(h);
      cells[2] = townshipCode(households.township[h]!);
      cells[3] = places.villageCode(households.township[h]!, households.village[h]!);
      cells[4] = String(households.houseNumber[h]);
      cells[5] = String(households.registered[h]);
      cells[6] = idOrBlank(households.head[h]!);
      return true;
    },
  );

  const births = log.births;
  await writeTable(
    join(dir, "births.csv"),
    [
      "event_id", "delivery_id", "child_id", "mother_id", "father_id", "birth_date", "sex", "birth_order",
      "delivery_order", "plurality", "twin_index", "mother_age", "township_code", "hospital", "weight_g",
      "gestation_weeks", "hospital_report_date", "certificate_number", "certificate_date", "certificate_given_name",
      "registration_date",
    ],
    births.size,
    (b, cells) => {
      const child = births.get(b, "child");
      cells[0] = eventId("B", b);
      cells[1] = eventId("B", births.get(b, "delivery"));
      cells[2] = personId(child);
      cells[3] = personId(births.get(b, "mother"));
      cells[4] = idOrBlank(births.get(b, "father"));
      cells[5] = formatDay(births.get(b, "day"), "iso");
      cells[6] = String(persons.sex[child]);
      cells[7] = String(births.get(b, "order"));
      cells[8] = String(births.get(b, "deliveryOrder"));
      cells[9] = String(births.get(b, "plurality"));
      cells[10] = String(births.get(b, "twinIndex"));
      cells[11] = String(births.get(b, "motherAge"));
      cells[12] = townshipCode(births.get(b, "township"));
      cells[13] = places.hospitals[births.get(b, "hospital")]!.name;
      cells[14] = String(births.get(b, "weight"));
      cells[15] = String(births.get(b, "weeks"));
      cells[16] = isoOrBlank(observations.hospitalReportDay[b]!);
      cells[17] = observations.certificateNumber[b]!;
      cells[18] = isoOrBlank(observations.certificateDay[b]!);
      cells[19] = observations.certificateGivenName[b]!;
      cells[20] = isoOrBlank(observations.registrationDay[b]!);
      return true;
    },
  );

  const deaths = log.deaths;
  await writeTable(
    join(dir, "deaths.csv"),
    ["event_id", "person_id", "death_date", "age", "cause_code", "cause", "place", "township_code", "report_date", "hukou_cancelled_date"],
    deaths.size,
    (d, cells) => {
      const cause = CAUSES_OF_DEATH[deaths.get(d, "cause")]!;
      cells[0] = eventId("D", d);
      cells[1] = personId(deaths.get(d, "person"));
      cells[2] = formatDay(deaths.get(d, "day"), "iso");
      cells[3] = String(deaths.get(d, "age"));
      cells[4] = cause.code;
      cells[5] = cause.name;
      cells[6] = DEATH_PLACES[deaths.get(d, "place")]!;
      cells[7] = townshipCode(deaths.get(d, "township"));
      cells[8] = isoOrBlank(observations.deathReportDay[d]!);
      cells[9] = isoOrBlank(observations.cancellationDay[d]!);
      return true;
    },
  );

  const marriages = log.marriages;
  await writeTable(
    join(dir, "marriages.csv"),
    ["event_id", "husband_id", "wife_id", "marriage_date", "office_county_code", "husband_township_code", "wife_township_code", "registered_in_extract"],
    marriages.size,
    (m, cells) => {
      const office = marriages.get(m, "office");
      cells[0] = eventId("M", m);
      cells[1] = personId(marriages.get(m, "husband"));
      cells[2] = personId(marriages.get(m, "wife"));
      cells[3] = formatDay(marriages.get(m, "day"), "iso");
      cells[4] = office < 0 ? "" : COUNTIES[office]!.code;
      cells[5] = townshipCode(marriages.get(m, "husbandTownship"));
      cells[6] = townshipCode(marriages.get(m, "wifeTownship"));
      cells[7] = String(observations.marriageRecorded[m]);
      return true;
    },
  );

  const moves = log.moves;
  await writeTable(
    join(dir, "moves.csv"),
    ["event_id", "person_id", "move_date", "from_township_code", "to_township_code", "reason"],
    moves.size,
    (v, cells) => {
      cells[0] = eventId("V", v);
      cells[1] = personId(moves.get(v, "person"));
      cells[2] = formatDay(moves.get(v, "day"), "iso");
      cells[3] = townshipCode(moves.get(v, "from"));
      cells[4] = townshipCode(moves.get(v, "to"));
      cells[5] = MOVE_REASONS[moves.get(v, "reason")]!;
      return true;
    },
  );

  const migrations = log.migrations;
  await writeTable(
    join(dir, "migrations.csv"),
    ["event_id", "person_id", "migration_date", "direction", "place_code", "hukou_moved"],
    migrations.size,
    (g, cells) => {
      cells[0] = eventId("G", g);
      cells[1] = personId(migrations.get(g, "person"));
      cells[2] = formatDay(migrations.get(g, "day"), "iso");
      cells[3] = migrations.get(g, "direction") === 1 ? "in" : "out";
      cells[4] = String(migrations.get(g, "place"));
      cells[5] = String(migrations.get(g, "hukou"));
      return true;
    },
  );

  await writeSrbTable(join(dir, "srb.csv"), city, log, resolved);
}

/**
 * The true SRB table: live births by township (mother's residence), year and birth order group (1, 2, 3+),
 * with the SRB the profile asked for. Every township × year × order cell is listed, empty ones included.
 */
async function writeSrbTable(path: string, city: City, log: EventLog, resolved: ResolvedProfile): Promise<void> {
  const years = resolved.lastYear - resolved.firstYear + 1;
  const boys = new Int32Array(TOWNSHIPS.length * years * 3);
  const girls = new Int32Array(TOWNSHIPS.length * years * 3);
  const births = log.births;
  for (let b = 0; b < births.size; b++) {
    const y = yearOfDay(births.get(b, "day")) - resolved.firstYear;
    const cell = (births.get(b, "township") * years + y) * 3 + Math.min(births.get(b, "order"), 3) - 1;
    if (city.persons.sex[births.get(b, "child")] === 1) boys[cell] = boys[cell]! + 1;
    else girls[cell] = girls[cell]! + 1;
  }
  await writeTable(path, ["township_code", "township", "year", "birth_order", "profile_srb", "boys", "girls"], boys.length, (i, cells) => {
    const order = (i % 3) + 1;
    const y = Math.floor(i / 3) % years;
    const t = Math.floor(i / 3 / years);
    cells[0] = TOWNSHIPS[t]!.code;
    cells[1] = TOWNSHIPS[t]!.name;
    cells[2] = String(resolved.firstYear + y);
    cells[3] = order === 3 ? "3+" : String(order);
    cells[4] = String(srbFor(resolved, t, resolved.firstYear + y, order));
    cells[5] = String(boys[i]);
    cells[6] = String(girls[i]);
    return true;
  });
}
