import { CAUSES_OF_DEATH, DEATH_PLACE_HOSPITAL, DEATH_PLACES } from "../causes-of-death.ts";
import { ETHNICITIES, NEVER } from "../person-table.ts";
import { eventId, type ExtractContext, type ExtractSpec, houseNumberOf, personId } from "./extract.ts";

/**
 * 死亡登记 — death registrations from the cause-of-death reporting system, by hospitals for deaths there and
 * by primary-care units for deaths at home, for everyone who died in the city (hukou or not). Some deaths
 * are never reported. The underlying cause is synthetic, at ICD-10 chapter level. Habits: UTF-8 with BOM
 * and CRLF, every field in double quotes, sex as the GB/T 2261.1 codes 1/2, birth date YYYY-MM-DD but death date YYYY年M月D日, and old
 * people's 15-digit ID numbers.
 */
export const DEATH_REGISTRATIONS: ExtractSpec = {
  source: "deathRegistrations",
  title: "死亡登记",
  file: "death-registrations",
  nativeFormat: "csv",
  encoding: "utf8-bom",
  lineEnding: "\r\n",
  quoting: "all",
  sheetName: "死亡登记",
  headers: [
    "死者姓名",
    "性别",
    "民族",
    "证件类型",
    "证件号码",
    "出生日期",
    "死亡日期",
    "年龄",
    "死亡地点",
    "根本死因",
    "根本死因ICD编码",
    "户籍地址",
    "报告单位",
    "填报日期",
  ],
  numericColumns: [7],
  truthHeaders: ["event_id", "person_id"],
};

export async function writeDeathRegistrations(context: ExtractContext): Promise<void> {
  const { city, log, observations, corrupt } = context;
  const { persons, places } = city;
  const deaths = log.deaths;
  const cells = new Array<string>(DEATH_REGISTRATIONS.headers.length).fill("");
  const truth = ["", ""];
  for (let d = 0; d < deaths.size; d++) {
    if (observations.deathReportDay[d] === NEVER) continue;
    context.nextRow();
    const p = deaths.get(d, "person");
    const township = deaths.get(d, "township");
    const place = deaths.get(d, "place");
    const cause = CAUSES_OF_DEATH[deaths.get(d, "cause")]!;
    cells[0] = corrupt.name("死者姓名", city.surnames[persons.surname[p]!]!, persons.given[p]!);
    cells[1] = corrupt.sex("性别", persons.sex[p]!, "code");
    cells[2] = corrupt.optional("民族", ETHNICITIES[persons.ethnicity[p]!]!);
    cells[3] = "居民身份证";
    cells[4] = corrupt.id("证件号码", persons.idNumber[p]!);
    cells[5] = corrupt.date("出生日期", persons.birthDay[p]!, "iso", true);
    cells[6] = corrupt.date("死亡日期", deaths.get(d, "day"), "chinese");
    cells[7] = String(deaths.get(d, "age"));
    cells[8] = DEATH_PLACES[place]!;
    cells[9] = cause.name;
    cells[10] = cause.code;
    cells[11] =
      persons.registered[p] === 1
        ? corrupt.address("户籍地址", township, persons.village[p]!, houseNumberOf(city, p), true, true)
        : places.originAddress(persons.idCounty[p]!);
    cells[12] =
      place === DEATH_PLACE_HOSPITAL
        ? places.hospitals[places.deliveryHospitals[places.countyOfTownship[township]!]![2]!]!.name
        : places.primaryCareUnit(township);
    cells[13] = corrupt.date("填报日期", observations.deathReportDay[d]!, "iso");
    truth[0] = eventId("D", d);
    truth[1] = personId(p);
    if (context.emit(cells, truth)) await context.drain();
  }
}
