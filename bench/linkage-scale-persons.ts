/**
 * Synthetic persons with realistic duplicates for `bench/linkage-scale-bench.ts`: one CSV of N records and a
 * truth CSV of the record pairs that are the same person. Deterministic for (N, seed).
 *
 * People: Shandong surname frequencies and given names by sex and decade (the synth module's tables), birth
 * dates 1935–2023, a village of 枣庄市 (real township codes, synthetic village numbers), a valid 18-character
 * resident ID whose county, birth date and sex agree with the person (4% from another county's origin code),
 * a mobile phone (15% without). About a fifth of the people appear twice and a twentieth three times; every
 * extra record carries 1–3 of the mistakes departments make: a homophone or look-alike character, a changed
 * given-name character, a space in the name, day and month swapped, a date one day off or with a digit typo,
 * an ID with one digit changed or two swapped or written as the legacy 15-digit number, a missing ID, date,
 * phone or sex, another phone, another village in the same township. Common names (张伟, 王芳 …) give the
 * namesakes that make linkage hard.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { computeCheckCharacter } from "../src/kernel/resident-id-check.ts";
import { HOMOPHONES, SIMILAR_SHAPES } from "../src/modules/synth/confusable-characters.ts";
import { drawGivenName } from "../src/modules/synth/given-names.ts";
import { Random, WeightedChoice } from "../src/modules/synth/random.ts";
import { SHANDONG_SURNAME_WEIGHTS, SURNAMES } from "../src/modules/synth/surnames.ts";
import { COUNTIES, ORIGINS, TOWNSHIPS } from "../src/modules/synth/zaozhuang.ts";

export const SCALE_COLUMNS = ["编号", "姓名", "性别", "出生日期", "公民身份号码", "现住址编码", "手机号"] as const;

interface Person {
  surname: string;
  given: string;
  sex: 1 | 2;
  birth: string; // YYYYMMDD
  id: string;
  village: string; // 12 digits
  phone: string;
}


const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  return month === 2 && (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : DAYS_IN_MONTH[month - 1]!;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function shiftDate(date: string, days: number): string {
  const d = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8)) + days));
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}`;
}

class PersonMaker {
  private readonly surnameChoice = new WeightedChoice(SHANDONG_SURNAME_WEIGHTS);
  private readonly countyChoice = new WeightedChoice(COUNTIES.map((c) => c.populationShare));
  private readonly townshipsByCounty = new Map(COUNTIES.map((c) => [c.code, TOWNSHIPS.filter((t) => t.countyCode === c.code)]));
  private readonly sequence = new Map<string, number>();
  private readonly phones = new Set<string>();

  constructor(private readonly random: Random) {}

  make(): Person {
    const r = this.random;
    const sex: 1 | 2 = r.chance(0.51) ? 1 : 2;
    const year = r.between(1935, 2023);
    const month = r.between(1, 12);
    const birth = `${year}${pad(month, 2)}${pad(r.between(1, daysIn(year, month)), 2)}`;
    const county = COUNTIES[this.countyChoice.sample(r)]!;
    const townships = this.townshipsByCounty.get(county.code)!;
    const township = r.pick(townships);
    const village = `${township.code}${pad(r.between(1, Math.max(1, township.villages)), 3)}`;
    const idArea = r.chance(0.04) ? r.pick(ORIGINS).code : county.code;
    return {
      surname: SURNAMES[this.surnameChoice.sample(r)]!,
      given: drawGivenName(r, sex, year),
      sex,
      birth,
      id: this.allocateId(idArea, birth, sex),
      village,
      phone: r.chance(0.15) ? "" : this.newPhone(),
    };
  }

  newPhone(): string {
    for (;;) {
      const phone = `1${this.random.pick(["3", "5", "7", "8", "9"])}${pad(this.random.int(1_000_000_000), 9)}`;
      if (!this.phones.has(phone)) {
        this.phones.add(phone);
        return phone;
      }
    }
  }

  /** Order code: odd for men, even for women, unique per area and birth date. */
  private allocateId(area: string, birth: string, sex: 1 | 2): string {
    const key = area + birth;
    const n = this.sequence.get(key) ?? 0;
    this.sequence.set(key, n + 1);
    const order = 2 * n + (sex === 1 ? 1 : 2);
    const first17 = `${area}${birth}${pad(order % 1000, 3)}`;
    return first17 + computeCheckCharacter(first17);
  }

  otherVillage(village: string): string {
    const township = TOWNSHIPS.find((t) => t.code === village.slice(0, 9));
    const villages = Math.max(2, township?.villages ?? 2);
    return `${village.slice(0, 9)}${pad(this.random.between(1, villages), 3)}`;
  }
}

const DIGITS = "0123456789";

function changeDigit(random: Random, text: string, from: number, to: number): string {
  const at = random.between(from, to);
  const old = text[at]!;
  let digit = old;
  while (digit === old) digit = DIGITS[random.int(10)]!;
  return text.slice(0, at) + digit + text.slice(at + 1);
}

function swapAdjacent(random: Random, text: string, from: number, to: number): string {
  for (let tries = 0; tries < 5; tries++) {
    const at = random.between(from, to - 1);
    if (text[at] !== text[at + 1]) return text.slice(0, at) + text[at + 1] + text[at] + text.slice(at + 2);
  }
  return changeDigit(random, text, from, to);
}

function replaceConfusable(random: Random, name: string, table: ReadonlyMap<string, string>): string | undefined {
  const chars = Array.from(name);
  const positions = chars.flatMap((ch, i) => (table.has(ch) ? [i] : []));
  if (positions.length === 0) return undefined;
  const at = random.pick(positions);
  chars[at] = random.pick(Array.from(table.get(chars[at]!)!));
  return chars.join("");
}

const MISTAKES = [
  "homophone", "shape", "given_char", "space", "date_swap", "date_day", "date_typo", "id_digit", "id_swap",
  "id_legacy", "id_missing", "date_missing", "phone_missing", "phone_other", "sex_missing", "village",
] as const;
type Mistake = (typeof MISTAKES)[number];
const MISTAKE_WEIGHTS: Record<Mistake, number> = {
  homophone: 10, shape: 5, given_char: 6, space: 5, date_swap: 4, date_day: 4, date_typo: 4, id_digit: 6, id_swap: 4,
  id_legacy: 3, id_missing: 10, date_missing: 3, phone_missing: 8, phone_other: 8, sex_missing: 3, village: 10,
};

function writeRecord(person: Person, random: Random, maker: PersonMaker, mistakes: number): string[] {
  let name = person.surname + person.given;
  let sex = person.sex === 1 ? "男" : "女";
  let birth = person.birth;
  let id = person.id;
  let village = person.village;
  let phone = person.phone;
  const choice = new WeightedChoice(MISTAKES.map((m) => MISTAKE_WEIGHTS[m]));
  for (let k = 0; k < mistakes; k++) {
    switch (MISTAKES[choice.sample(random)]!) {
      case "homophone":
        name = replaceConfusable(random, name, HOMOPHONES) ?? name;
        break;
      case "shape":
        name = replaceConfusable(random, name, SIMILAR_SHAPES) ?? name;
        break;
      case "given_char": {
        const chars = Array.from(name);
        const at = chars.length - 1;
        chars[at] = Array.from(drawGivenName(random, person.sex, Number(person.birth.slice(0, 4)))).at(-1)!;
        name = chars.join("");
        break;
      }
      case "space":
        name = name.includes(" ") ? name : `${person.surname} ${name.slice(person.surname.length)}`;
        break;
      case "date_swap":
        if (birth !== "" && Number(birth.slice(6, 8)) <= 12 && birth.slice(4, 6) !== birth.slice(6, 8)) birth = birth.slice(0, 4) + birth.slice(6, 8) + birth.slice(4, 6);
        break;
      case "date_day":
        if (birth !== "") birth = shiftDate(birth, random.chance(0.5) ? 1 : -1);
        break;
      case "date_typo":
        if (birth !== "") birth = changeDigit(random, birth, 2, 7);
        break;
      case "id_digit":
        if (id !== "") id = changeDigit(random, id, 0, 16);
        break;
      case "id_swap":
        if (id !== "") id = swapAdjacent(random, id, 0, 16);
        break;
      case "id_legacy":
        if (id.length === 18 && id.startsWith("19", 6)) id = id.slice(0, 6) + id.slice(8, 17);
        break;
      case "id_missing":
        id = "";
        break;
      case "date_missing":
        birth = "";
        break;
      case "phone_missing":
        phone = "";
        break;
      case "phone_other":
        phone = maker.newPhone();
        break;
      case "sex_missing":
        sex = "";
        break;
      case "village":
        village = maker.otherVillage(village);
        break;
    }
  }
  return [name, sex, birth, id, village, phone];
}

/**
 * Writes `csvPath` (N records in shuffled order, ids p0000001…) and `truthPath` (every pair of records of one
 * person, `id_l,id_r`); returns the number of true pairs.
 */
export async function writeScalePersons(records: number, seed: number, csvPath: string, truthPath: string): Promise<{ truePairs: number; persons: number }> {
  const random = Random.derive(seed, "linkage-scale");
  const maker = new PersonMaker(random);
  const rows: string[][] = [];
  const personOf: number[] = [];
  let persons = 0;
  while (rows.length < records) {
    const person = maker.make();
    const copies = Math.min(records - rows.length, random.chance(0.05) ? 3 : random.chance(0.2) ? 2 : 1);
    for (let c = 0; c < copies; c++) {
      // The first record of a person is clean; later ones carry 1–3 mistakes.
      rows.push(c === 0 ? writeRecord(person, random, maker, 0) : writeRecord(person, random, maker, random.between(1, 3)));
      personOf.push(persons);
    }
    persons++;
  }
  // Shuffle, so duplicates are not neighbours, then number the records.
  const order = Int32Array.from({ length: rows.length }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  const csv = createWriteStream(csvPath);
  const byPerson = new Map<number, string[]>();
  csv.write(`${SCALE_COLUMNS.join(",")}\n`);
  for (let k = 0; k < order.length; k++) {
    const row = rows[order[k]!]!;
    const id = `p${pad(k + 1, 7)}`;
    if (!csv.write(`${id},${row.join(",")}\n`)) await once(csv, "drain");
    const person = personOf[order[k]!]!;
    const list = byPerson.get(person);
    if (list === undefined) byPerson.set(person, [id]);
    else list.push(id);
  }
  csv.end();
  await once(csv, "finish");
  const truth = createWriteStream(truthPath);
  truth.write("id_l,id_r\n");
  let truePairs = 0;
  for (const ids of byPerson.values()) {
    for (let a = 0; a < ids.length; a++) {
      for (let b = a + 1; b < ids.length; b++) {
        truth.write(`${ids[a]},${ids[b]}\n`);
        truePairs++;
      }
    }
  }
  truth.end();
  await once(truth, "finish");
  return { truePairs, persons };
}
