import { ETHNICITIES, NEVER, NONE } from "../person-table.ts";
import { eventId, type ExtractContext, type ExtractSpec, houseNumberOf, orderBy, personId } from "./extract.ts";

/**
 * 出生医学证明 — birth medical certificates issued by the delivering hospitals, in order of issue. Some
 * hospital births never get one; the baby's name is often blank (not chosen yet) and sometimes differs
 * from the name later registered. Habits: UTF-8 without BOM, sex as 男/女, dates YYYY-MM-DD, both parents
 * with name, age, ethnicity and ID (father's fields blank when he is unknown).
 */
export const BIRTH_CERTIFICATES: ExtractSpec = {
  source: "birthCertificates",
  title: "出生医学证明",
  file: "birth-certificates",
  nativeFormat: "csv",
  encoding: "utf8",
  lineEnding: "\n",
  quoting: "none",
  sheetName: "出生医学证明",
  headers: [
    "出生医学证明编号",
    "新生儿姓名",
    "性别",
    "出生日期",
    "出生孕周",
    "出生体重",
    "出生地点",
    "母亲姓名",
    "母亲年龄",
    "母亲民族",
    "母亲身份证件号码",
    "母亲住址",
    "父亲姓名",
    "父亲年龄",
    "父亲民族",
    "父亲身份证件号码",
    "签发日期",
    "签发机构",
  ],
  numericColumns: [4, 5, 8, 13],
  truthHeaders: ["event_id", "child_id", "mother_id", "father_id"],
};

export async function writeBirthCertificates(context: ExtractContext): Promise<void> {
  const { city, log, observations, corrupt } = context;
  const { persons, places } = city;
  const births = log.births;
  const cells = new Array<string>(BIRTH_CERTIFICATES.headers.length).fill("");
  const truth = ["", "", "", ""];
  const rows = orderBy(births.size, observations.certificateDay, (b) => observations.certificateDay[b] !== NEVER);
  for (const b of rows) {
    context.nextRow();
    const child = births.get(b, "child");
    const mother = births.get(b, "mother");
    const father = births.get(b, "father");
    const day = births.get(b, "day");
    const hospital = places.hospitals[births.get(b, "hospital")]!.name;
    const givenOnCertificate = observations.certificateGivenName[b]!;
    cells[0] = observations.certificateNumber[b]!;
    cells[1] = givenOnCertificate === "" ? "" : corrupt.name("新生儿姓名", city.surnames[persons.surname[child]!]!, givenOnCertificate);
    cells[2] = corrupt.sex("性别", persons.sex[child]!, "word");
    cells[3] = corrupt.date("出生日期", day, "iso");
    cells[4] = String(births.get(b, "weeks"));
    cells[5] = String(births.get(b, "weight"));
    cells[6] = hospital;
    cells[7] = corrupt.name("母亲姓名", city.surnames[persons.surname[mother]!]!, persons.given[mother]!);
    cells[8] = String(births.get(b, "motherAge"));
    cells[9] = corrupt.optional("母亲民族", ETHNICITIES[persons.ethnicity[mother]!]!);
    cells[10] = corrupt.id("母亲身份证件号码", persons.idNumber[mother]!);
    const township = births.get(b, "township");
    const village = persons.township[mother] === township ? persons.village[mother]! : 0;
    cells[11] = corrupt.address("母亲住址", township, village, houseNumberOf(city, mother), true, true);
    if (father === NONE) {
      cells[12] = cells[13] = cells[14] = cells[15] = "";
    } else {
      cells[12] = corrupt.name("父亲姓名", city.surnames[persons.surname[father]!]!, persons.given[father]!, true);
      cells[13] = String(Math.floor((day - persons.birthDay[father]!) / 365.2425));
      cells[14] = corrupt.optional("父亲民族", ETHNICITIES[persons.ethnicity[father]!]!);
      cells[15] = corrupt.id("父亲身份证件号码", persons.idNumber[father]!);
    }
    cells[16] = corrupt.date("签发日期", observations.certificateDay[b]!, "iso");
    cells[17] = hospital;
    truth[0] = eventId("B", b);
    truth[1] = personId(child);
    truth[2] = personId(mother);
    truth[3] = father === NONE ? "" : personId(father);
    if (context.emit(cells, truth)) await context.drain();
  }
}
