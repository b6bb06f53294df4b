import { describe, expect, it } from "vitest";
import { computeCheckCharacter } from "../../kernel/resident-id-check.ts";
import { daysFromCivil } from "./civil-date.ts";
import { HOMOPHONES } from "./confusable-characters.ts";
import { CharacterTraits, Corruptor } from "./corruption.ts";
import { ErrorLog } from "./error-log.ts";
import { Places } from "./places.ts";
import { ERROR_KINDS, type ErrorKindKey, type ErrorRates } from "./profile.ts";
import { Random } from "./random.ts";
import type { TableSink } from "./writers/table-sink.ts";

class MemorySink implements TableSink {
  readonly rows: string[][] = [];
  write(cells: readonly string[]): boolean {
    this.rows.push([...cells]);
    return false;
  }
  async drain(): Promise<void> {}
  async close(): Promise<number> {
    return this.rows.length;
  }
}

const places = new Places();
const TRADITIONAL: Record<string, string> = { 张: "張", 刘: "劉", 伟: "偉" };
const traits = new CharacterTraits((text) => TRADITIONAL[text] ?? text);

function corruptor(rates: Partial<Record<ErrorKindKey, number>>, seed = 1): { corrupt: Corruptor; sink: MemorySink; log: ErrorLog } {
  const all = Object.fromEntries(ERROR_KINDS.map((k) => [k.key, rates[k.key] ?? 0])) as ErrorRates;
  const sink = new MemorySink();
  const log = new ErrorLog(sink);
  const corrupt = new Corruptor(Random.derive(seed, "test"), all, log, "hospitalDeliveries", "hospital-deliveries", traits, places);
  corrupt.row = 7;
  return { corrupt, sink, log };
}

const ID = "370402198506150028";
const MAY_3 = daysFromCivil(2019, 5, 3);

describe("Corruptor", () => {
  it("writes values unchanged and records nothing when every rate is 0", () => {
    const { corrupt, sink } = corruptor({});
    expect(corrupt.name("姓名", "张", "伟")).toBe("张伟");
    expect(corrupt.id("身份证号", ID)).toBe(ID);
    expect(corrupt.date("日期", MAY_3, "slash")).toBe("2019/5/3");
    expect(corrupt.sex("性别", 2, "word")).toBe("女");
    expect(sink.rows).toEqual([]);
  });

  it.each<[ErrorKindKey, () => string, (written: string) => boolean]>([
    ["nameHomophone", () => "张伟", (w) => w.length === 2 && (w === "章伟" || HOMOPHONES.get("伟")!.includes(w[1]!))],
    ["nameSimilarShape", () => "王伟", (w) => w === "玉伟" || w === "王纬"],
    ["nameTraditional", () => "张伟", (w) => w === "張伟" || w === "张偉"],
    ["nameSpace", () => "张伟", (w) => w === "张 伟" || w === "张\u3000伟"],
    ["idSubstitution", () => ID, (w) => w.length === 18 && [...w].filter((c, i) => c !== ID[i]).length === 1],
    ["idTransposition", () => ID, (w) => w.length === 18 && [...w].sort().join("") === [...ID].sort().join("") && w !== ID],
    ["idMissing", () => ID, (w) => w === ""],
    ["idLegacy15", () => ID, (w) => w === "370402850615002"],
    ["idFullWidth", () => ID, (w) => w === "３７０４０２１９８５０６１５００２８"],
    ["dateFormat", () => "2019/5/3", (w) => ["20190503", "2019-05-03", "2019年5月3日", "2019.05.03"].includes(w)],
    ["dateDayMonthSwap", () => "2019/5/3", (w) => w === "2019/3/5"],
    ["sexCodeVariant", () => "男", (w) => w === "1"],
    ["sexWrong", () => "男", (w) => w === "女"],
  ])("makes a %s error and records it", (kind, original, check) => {
    const { corrupt, sink } = corruptor({ [kind]: 1 });
    const value = original();
    let written: string;
    if (kind.startsWith("name")) written = corrupt.name("姓名", value.slice(0, 1), value.slice(1));
    else if (kind.startsWith("id")) written = corrupt.id("身份证号", value);
    else if (kind.startsWith("date")) written = corrupt.date("日期", MAY_3, "slash");
    else written = corrupt.sex("性别", 1, "word");
    expect(check(written), `wrote ${written}`).toBe(true);
    const code = ERROR_KINDS.find((k) => k.key === kind)!.code;
    expect(sink.rows).toEqual([["hospital-deliveries", "7", expect.any(String), code, value, written]]);
  });

  it("makes an ID substitution that the check character catches", () => {
    for (let seed = 0; seed < 50; seed++) {
      const written = corruptor({ idSubstitution: 1 }, seed).corrupt.id("身份证号", ID);
      expect(computeCheckCharacter(written.slice(0, 17)) === written[17]).toBe(false);
    }
  });

  it("writes the middle dot of a minority name as a look-alike", () => {
    const { corrupt } = corruptor({ nameDotVariant: 1 });
    expect(corrupt.name("姓名", "", "买买提·艾力")).toMatch(/^买买提[•．・.]艾力$/);
  });

  it("cuts an address back to the township or county", () => {
    const { corrupt } = corruptor({ addressCoarse: 1 });
    const full = places.address(0, 0, 12, "full");
    const written = corrupt.address("住址", 0, 0, 12, true);
    expect(full.startsWith(written) && written.length < full.length).toBe(true);
  });

  it("leaves an optional field blank, but never a required one", () => {
    const { corrupt } = corruptor({ fieldMissing: 1 });
    expect(corrupt.optional("民族", "汉族")).toBe("");
    expect(corrupt.name("父亲姓名", "张", "伟", true)).toBe("");
    expect(corrupt.name("姓名", "张", "伟")).toBe("张伟");
  });

  it("counts a day–month swap opportunity only when the day is 12 or less and differs from the month", () => {
    const { corrupt, log } = corruptor({});
    corrupt.date("日期", daysFromCivil(2019, 5, 13), "iso");
    corrupt.date("日期", daysFromCivil(2019, 5, 5), "iso");
    corrupt.date("日期", MAY_3, "iso");
    expect(log.summary().hospitalDeliveries.date_day_month_swap?.opportunities).toBe(1);
    expect(log.summary().hospitalDeliveries.date_format?.opportunities).toBe(3);
  });

  it("injects each kind at its rate", () => {
    const { corrupt, log } = corruptor({ nameHomophone: 0.1, nameSpace: 0.05, idMissing: 0.02 });
    for (let i = 0; i < 20_000; i++) {
      corrupt.name("姓名", "张", "伟");
      corrupt.id("身份证号", ID);
    }
    const counts = log.summary().hospitalDeliveries;
    for (const [code, rate] of [["name_homophone", 0.1], ["name_space", 0.05], ["id_missing", 0.02]] as const) {
      const { opportunities, injected } = counts[code]!;
      expect(opportunities).toBe(20_000);
      expect(Math.abs(injected / opportunities - rate)).toBeLessThan(4 * Math.sqrt((rate * (1 - rate)) / opportunities));
    }
  });
});
