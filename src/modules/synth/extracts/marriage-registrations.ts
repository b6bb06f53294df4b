import { yearOfDay } from "../civil-date.ts";
import { COUNTIES } from "../zaozhuang.ts";
import { eventId, type ExtractContext, type ExtractSpec, houseNumberOf, personId } from "./extract.ts";

/**
 * 婚姻登记 — marriage registrations from the civil-affairs offices of the city's counties: one row per
 * couple, registered where either spouse's hukou is. Couples who both live in the city without its hukou
 * marry at home and are not here. Habits: UTF-8 with BOM, dates YYYY-MM-DD, the hukou address of each spouse
 * (a migrant's home county only).
 */
export const MARRIAGE_REGISTRATIONS: ExtractSpec = {
  source: "marriageRegistrations",
  title: "婚姻登记",
  file: "marriage-registrations",
  nativeFormat: "csv",
  encoding: "utf8-bom",
  lineEnding: "\n",
  quoting: "none",
  sheetName: "结婚登记",
  headers: [
    "登记机关",
    "登记日期",
    "结婚证字号",
    "男方姓名",
    "男方证件号码",
    "男方出生日期",
    "男方户籍地址",
    "女方姓名",
    "女方证件号码",
    "女方出生日期",
    "女方户籍地址",
  ],
  numericColumns: [],
  truthHeaders: ["event_id", "husband_id", "wife_id"],
};

export async function writeMarriageRegistrations(context: ExtractContext): Promise<void> {
  const { city, log, observations, corrupt } = context;
  const { persons, places } = city;
  const marriages = log.marriages;
  const serials = new Map<string, number>();
  const cells = new Array<string>(MARRIAGE_REGISTRATIONS.headers.length).fill("");
  const truth = ["", "", ""];
  const spouse = (p: number, township: number, offset: number): void => {
    cells[offset] = corrupt.name(offset === 3 ? "男方姓名" : "女方姓名", city.surnames[persons.surname[p]!]!, persons.given[p]!);
    cells[offset + 1] = corrupt.id(offset === 3 ? "男方证件号码" : "女方证件号码", persons.idNumber[p]!);
    cells[offset + 2] = corrupt.date(offset === 3 ? "男方出生日期" : "女方出生日期", persons.birthDay[p]!, "iso");
    const field = offset === 3 ? "男方户籍地址" : "女方户籍地址";
    cells[offset + 3] =
      persons.registered[p] === 1
        ? corrupt.address(field, township, persons.township[p] === township ? persons.village[p]! : 0, houseNumberOf(city, p), true)
        : places.originAddress(persons.idCounty[p]!);
  };
  for (let m = 0; m < marriages.size; m++) {
    if (observations.marriageRecorded[m] !== 1) continue;
    context.nextRow();
    const day = marriages.get(m, "day");
    const office = marriages.get(m, "office");
    const year = yearOfDay(day);
    const serialKey = `${office}-${year}`;
    const serial = (serials.get(serialKey) ?? 0) + 1;
    serials.set(serialKey, serial);
    cells[0] = places.marriageOffice(office);
    cells[1] = corrupt.date("登记日期", day, "iso");
    cells[2] = `J${COUNTIES[office]!.code}-${year}-${String(serial).padStart(6, "0")}`;
    const husband = marriages.get(m, "husband");
    const wife = marriages.get(m, "wife");
    spouse(husband, marriages.get(m, "husbandTownship"), 3);
    spouse(wife, marriages.get(m, "wifeTownship"), 7);
    truth[0] = eventId("M", m);
    truth[1] = personId(husband);
    truth[2] = personId(wife);
    if (context.emit(cells, truth)) await context.drain();
  }
}
