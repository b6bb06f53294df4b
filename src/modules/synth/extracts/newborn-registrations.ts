import { CITY, COUNTIES } from "../zaozhuang.ts";
import { ETHNICITIES, NEVER, NONE } from "../person-table.ts";
import { eventId, type ExtractContext, type ExtractSpec, orderBy, personId } from "./extract.ts";

/**
 * 新生儿入户 — newborn household registrations at the police stations, in order of registration, weeks or
 * months after the birth (some a year or more later, some never). The row carries the child's new ID number
 * (issued here, so never mistyped), the certificate number when there was one, and the parents as
 * guardians. Habits: GB18030 with CRLF, sex as 男/女, dates as YYYYMMDD.
 */
export const NEWBORN_REGISTRATIONS: ExtractSpec = {
  source: "newbornRegistrations",
  title: "新生儿入户",
  file: "newborn-registrations",
  nativeFormat: "csv",
  encoding: "gb18030",
  lineEnding: "\r\n",
  quoting: "none",
  sheetName: "出生登记",
  headers: [
    "公民身份号码",
    "姓名",
    "性别",
    "民族",
    "出生日期",
    "出生地",
    "出生医学证明编号",
    "监护人一姓名",
    "监护人一公民身份号码",
    "监护人一关系",
    "监护人二姓名",
    "监护人二公民身份号码",
    "监护人二关系",
    "户号",
    "户籍地址",
    "登记日期",
    "登记单位",
  ],
  numericColumns: [],
  truthHeaders: ["event_id", "child_id", "guardian1_id", "guardian2_id"],
};

export async function writeNewbornRegistrations(context: ExtractContext): Promise<void> {
  const { city, log, observations, corrupt } = context;
  const { persons, households, places } = city;
  const births = log.births;
  const cells = new Array<string>(NEWBORN_REGISTRATIONS.headers.length).fill("");
  const truth = ["", "", "", ""];
  const rows = orderBy(births.size, observations.registrationDay, (b) => observations.registrationDay[b] !== NEVER);
  for (const b of rows) {
    context.nextRow();
    const child = births.get(b, "child");
    const mother = births.get(b, "mother");
    const father = births.get(b, "father");
    const h = persons.household[child]!;
    const township = persons.township[child]!;
    const village = persons.village[child]!;
    const hospitalCounty = places.hospitals[births.get(b, "hospital")]!.county;
    cells[0] = persons.idNumber[child]!;
    cells[1] = corrupt.name("姓名", city.surnames[persons.surname[child]!]!, persons.given[child]!);
    cells[2] = corrupt.sex("性别", persons.sex[child]!, "word");
    cells[3] = corrupt.optional("民族", ETHNICITIES[persons.ethnicity[child]!]!);
    cells[4] = corrupt.date("出生日期", births.get(b, "day"), "compact");
    cells[5] = `${CITY.province}${CITY.name}${COUNTIES[hospitalCounty < 0 ? places.countyOfTownship[township]! : hospitalCounty]!.name}`;
    cells[6] = corrupt.optional("出生医学证明编号", observations.certificateNumber[b]!);
    cells[7] = corrupt.name("监护人一姓名", city.surnames[persons.surname[mother]!]!, persons.given[mother]!);
    cells[8] = corrupt.id("监护人一公民身份号码", persons.idNumber[mother]!);
    cells[9] = "母亲";
    if (father === NONE) {
      cells[10] = cells[11] = cells[12] = "";
    } else {
      cells[10] = corrupt.name("监护人二姓名", city.surnames[persons.surname[father]!]!, persons.given[father]!, true);
      cells[11] = corrupt.id("监护人二公民身份号码", persons.idNumber[father]!);
      cells[12] = "父亲";
    }
    cells[13] = h === NONE ? "" : households.number(h);
    cells[14] = corrupt.address("户籍地址", township, village, h === NONE ? 1 : households.houseNumber[h]!, true);
    cells[15] = corrupt.date("登记日期", observations.registrationDay[b]!, "compact");
    cells[16] = places.policeStation(township);
    truth[0] = eventId("B", b);
    truth[1] = personId(child);
    truth[2] = personId(mother);
    truth[3] = father === NONE ? "" : personId(father);
    if (context.emit(cells, truth)) await context.drain();
  }
}
