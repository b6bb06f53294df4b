import { yearOfDay } from "../civil-date.ts";
import { NEVER, NONE } from "../person-table.ts";
import { eventId, type ExtractContext, type ExtractSpec, houseNumberOf, orderBy, personId } from "./extract.ts";

/**
 * 住院分娩 — hospital delivery reports (mother and baby), one row per baby, twins on two rows sharing the
 * 住院号. Hospitals report most deliveries within weeks; births outside the city's hospitals are missing.
 * Habits: an Excel workbook, the mother's ID typed by hand (the most ID errors), dates as YYYY/M/D, the
 * baby's sex as 1/2, 胎次 = the mother's delivery number, the current address without the province.
 */
export const HOSPITAL_DELIVERIES: ExtractSpec = {
  source: "hospitalDeliveries",
  title: "住院分娩",
  file: "hospital-deliveries",
  nativeFormat: "xlsx",
  encoding: "utf8-bom",
  lineEnding: "\r\n",
  quoting: "none",
  sheetName: "分娩登记",
  headers: [
    "医疗机构",
    "住院号",
    "产妇姓名",
    "产妇身份证号",
    "产妇年龄",
    "现住址",
    "丈夫姓名",
    "分娩日期",
    "孕周",
    "胎次",
    "胎数",
    "新生儿性别",
    "出生体重(克)",
    "妊娠结局",
    "上报日期",
  ],
  numericColumns: [4, 8, 9, 10, 12],
  truthHeaders: ["event_id", "mother_id", "child_id"],
};

export async function writeHospitalDeliveries(context: ExtractContext): Promise<void> {
  const { city, log, observations, corrupt } = context;
  const { persons, places } = city;
  const births = log.births;
  const admissions = new Map<string, number>();
  const cells = new Array<string>(HOSPITAL_DELIVERIES.headers.length).fill("");
  const truth = ["", "", ""];
  let admission = "";
  const rows = orderBy(births.size, births.col("day"), (b) => observations.hospitalReportDay[b] !== NEVER);
  for (const b of rows) {
    context.nextRow();
    const mother = births.get(b, "mother");
    const father = births.get(b, "father");
    const child = births.get(b, "child");
    const day = births.get(b, "day");
    const township = births.get(b, "township");
    const hospital = births.get(b, "hospital");
    if (births.get(b, "twinIndex") === 1) {
      const key = `${hospital}-${yearOfDay(day)}`;
      const serial = (admissions.get(key) ?? 0) + 1;
      admissions.set(key, serial);
      admission = `${yearOfDay(day)}${String(serial).padStart(6, "0")}`;
    }
    cells[0] = places.hospitals[hospital]!.name;
    cells[1] = admission;
    cells[2] = corrupt.name("产妇姓名", city.surnames[persons.surname[mother]!]!, persons.given[mother]!);
    cells[3] = corrupt.id("产妇身份证号", persons.idNumber[mother]!);
    cells[4] = String(births.get(b, "motherAge"));
    const village = persons.township[mother] === township ? persons.village[mother]! : 0;
    cells[5] = corrupt.address("现住址", township, village, houseNumberOf(city, mother), false, true);
    cells[6] = father === NONE ? "" : corrupt.name("丈夫姓名", city.surnames[persons.surname[father]!]!, persons.given[father]!, true);
    cells[7] = corrupt.date("分娩日期", day, "slash");
    cells[8] = String(births.get(b, "weeks"));
    cells[9] = String(births.get(b, "deliveryOrder"));
    cells[10] = String(births.get(b, "plurality"));
    cells[11] = corrupt.sex("新生儿性别", persons.sex[child]!, "code");
    cells[12] = String(births.get(b, "weight"));
    cells[13] = "活产";
    cells[14] = corrupt.date("上报日期", observations.hospitalReportDay[b]!, "iso");
    truth[0] = eventId("B", b);
    truth[1] = personId(mother);
    truth[2] = personId(child);
    if (context.emit(cells, truth)) await context.drain();
  }
}
