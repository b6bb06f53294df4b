import type { City } from "./city.ts";
import { drawGenerationName, drawGivenName } from "./given-names.ts";
import { drawUyghurFatherName, drawUyghurOwnName, MIDDLE_DOT } from "./minority-names.ts";
import { NONE, UYGHUR } from "./person-table.ts";
import { type Random, WeightedChoice } from "./random.ts";
import { NATIONAL_SURNAME_WEIGHTS, SHANDONG_SURNAME_WEIGHTS } from "./surnames.ts";

/**
 * Gives people names the way Chinese families do: children take the father's surname (the mother's in about
 * 1 case in 13 since the 2010s — 公安部《二〇二〇年全国姓名报告》 reports 1:12 for 2020 newborns; rarely a
 * combined 张杨), siblings and twins often share a generation character (字辈), and Uyghur children are named
 * own name · father's name.
 */
export class Namer {
  private readonly shandong = new WeightedChoice(SHANDONG_SURNAME_WEIGHTS);
  private readonly national = new WeightedChoice(NATIONAL_SURNAME_WEIGHTS);

  constructor(
    private readonly city: City,
    private readonly random: Random,
  ) {}

  /** A surname id drawn from the Shandong table, or the national one for migrants from elsewhere. */
  drawSurname(national: boolean): number {
    return 1 + (national ? this.national : this.shandong).sample(this.random);
  }

  /** Names an adult whose parents are not in the city. */
  nameAdult(p: number, national: boolean): void {
    const persons = this.city.persons;
    if (persons.ethnicity[p] === UYGHUR) {
      persons.surname[p] = 0;
      persons.given[p] = drawUyghurOwnName(this.random, persons.sex[p]!) + MIDDLE_DOT + drawUyghurFatherName(this.random);
      return;
    }
    persons.surname[p] = this.drawSurname(national);
    persons.given[p] = drawGivenName(this.random, persons.sex[p]!, persons.birthYear[p]!);
  }

  /**
   * Names person `p` from their parents (already named, either may be NONE). `sibling` is the previous child
   * of the same mother (NONE if none); `generationShare` the chance of reusing its first given-name character.
   */
  nameChild(p: number, sibling: number, generationShare: number, national: boolean): void {
    const persons = this.city.persons;
    const mother = persons.mother[p]!;
    const father = persons.father[p]!;
    const sex = persons.sex[p]!;
    const birthYear = persons.birthYear[p]!;
    if (persons.ethnicity[p] === UYGHUR) {
      const fatherName = father !== NONE && persons.surname[father] === 0 ? persons.given[father]!.split(MIDDLE_DOT)[0]! : drawUyghurFatherName(this.random);
      persons.surname[p] = 0;
      persons.given[p] = drawUyghurOwnName(this.random, sex) + MIDDLE_DOT + fatherName;
      return;
    }
    persons.surname[p] = this.childSurname(mother, father, birthYear, national);
    const siblingName = sibling === NONE ? "" : persons.given[sibling]!;
    if (siblingName.length === 2 && persons.surname[sibling] !== 0 && this.random.chance(generationShare)) {
      persons.given[p] = drawGenerationName(this.random, sex, birthYear, siblingName[0]!);
    } else {
      persons.given[p] = drawGivenName(this.random, sex, birthYear);
    }
  }

  private childSurname(mother: number, father: number, birthYear: number, national: boolean): number {
    const persons = this.city.persons;
    const fatherSurname = father === NONE ? 0 : persons.surname[father]!;
    const motherSurname = mother === NONE ? 0 : persons.surname[mother]!;
    if (fatherSurname !== 0) {
      if (birthYear >= 2010 && motherSurname !== 0 && this.random.chance(0.003)) {
        const f = this.city.surnames[fatherSurname]!;
        const m = this.city.surnames[motherSurname]!;
        if (f.length === 1 && m.length === 1 && f !== m) return this.city.surnameId(f + m);
      }
      const fromMother = birthYear >= 2010 ? 1 / 13 : 0.02;
      return motherSurname !== 0 && this.random.chance(fromMother) ? motherSurname : fatherSurname;
    }
    // The father is not in the city's records: his surname is unknown to us, so draw one; a few children
    // of single mothers take hers.
    if (motherSurname !== 0 && this.random.chance(0.15)) return motherSurname;
    return this.drawSurname(national);
  }
}
