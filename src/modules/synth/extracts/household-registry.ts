import type { City } from "../city.ts";
import type { EventLog } from "../event-log.ts";
import type { Observations } from "../observations.ts";
import { ETHNICITIES, NEVER, NONE, RELATIONS } from "../person-table.ts";
import { type ExtractContext, type ExtractSpec, personId } from "./extract.ts";

/**
 * 户籍 — the public-security household registry, a snapshot on the extraction day: everyone whose hukou is
 * in the city, household by household. It is the system of record for ID numbers (no ID errors by
 * default). Habits: GB18030 with CRLF (a Windows export), sex as 男/女, dates as YYYYMMDD, full addresses
 * with the 12-digit village code. Its blind spots are real ones: newborns not yet registered are missing,
 * and the dead whose hukou was never cancelled (死亡未销户) are still listed.
 */
export const HOUSEHOLD_REGISTRY: ExtractSpec = {
  source: "householdRegistry",
  title: "户籍",
  file: "household-registry",
  nativeFormat: "csv",
  encoding: "gb18030",
  lineEnding: "\r\n",
  quoting: "none",
  sheetName: "户籍人口",
  headers: ["户号", "公民身份号码", "姓名", "性别", "民族", "出生日期", "与户主关系", "住址", "行政区划代码"],
  numericColumns: [],
  truthHeaders: ["person_id"],
};

/**
 * Who the registry lists on the extraction day: hukou in the city (newborns once registered, migrants once
 * transferred), not moved away, and alive — or dead without the hukou cancelled yet. 1 per listed person.
 */
export function listRegistry(city: City, log: EventLog, observations: Observations): Uint8Array {
  const { persons } = city;
  const end = city.extractionDay;
  const notCancelled = new Uint8Array(persons.size);
  const deceased = log.deaths.col("person");
  for (let d = 0; d < log.deaths.size; d++) {
    if (observations.cancellationDay[d] === NEVER) notCancelled[deceased[d]!] = 1;
  }
  const listed = new Uint8Array(persons.size);
  for (let p = 0; p < persons.size; p++) {
    if (persons.registered[p] !== 1 || persons.registeredDay[p]! > end || persons.leftDay[p]! <= end) continue;
    if (persons.deathDay[p]! <= end && notCancelled[p] !== 1) continue;
    listed[p] = 1;
  }
  return listed;
}

export async function writeHouseholdRegistry(context: ExtractContext): Promise<void> {
  const { city, log, observations, corrupt } = context;
  const { persons, households, places } = city;
  const listed = listRegistry(city, log, observations);
  const cells = new Array<string>(HOUSEHOLD_REGISTRY.headers.length).fill("");
  const truth = [""];
  for (let h = 0; h < households.size; h++) {
    for (let p = households.first[h]!; p !== NONE; p = persons.householdNext[p]!) {
      if (listed[p] !== 1) continue;
      context.nextRow();
      const township = persons.township[p]!;
      const village = persons.village[p]!;
      cells[0] = households.number(h);
      cells[1] = corrupt.id("公民身份号码", persons.idNumber[p]!);
      cells[2] = corrupt.name("姓名", city.surnames[persons.surname[p]!]!, persons.given[p]!);
      cells[3] = corrupt.sex("性别", persons.sex[p]!, "word");
      cells[4] = corrupt.optional("民族", ETHNICITIES[persons.ethnicity[p]!]!);
      cells[5] = corrupt.date("出生日期", persons.birthDay[p]!, "compact");
      cells[6] = RELATIONS[persons.relation[p]!]!;
      cells[7] = corrupt.address("住址", township, village, households.houseNumber[h]!, true);
      cells[8] = places.villageCode(township, village);
      truth[0] = personId(p);
      if (context.emit(cells, truth)) await context.drain();
    }
  }
}
