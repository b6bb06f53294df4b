import { civilFromDays, DATE_STYLES, type DateStyle, formatYmd } from "./civil-date.ts";
import { HOMOPHONES, SIMILAR_SHAPES } from "./confusable-characters.ts";
import type { ErrorLog } from "./error-log.ts";
import { findLegacyId } from "./id-allocator.ts";
import { MIDDLE_DOT, MIDDLE_DOT_VARIANTS } from "./minority-names.ts";
import type { Places } from "./places.ts";
import { ERROR_KINDS, type ErrorKindKey, type ErrorRates, SOURCES, type SourceName } from "./profile.ts";
import type { Random } from "./random.ts";

const KIND = Object.fromEntries(ERROR_KINDS.map((k, i) => [k.key, i])) as Record<ErrorKindKey, number>;

/** How a department writes sex: 男/女 or the GB/T 2261.1 codes 1/2. */
export type SexStyle = "word" | "code";

const TRAIT_KNOWN = 1;
const TRAIT_HOMOPHONE = 2;
const TRAIT_SHAPE = 4;
const TRAIT_TRADITIONAL = 8;

/**
 * Per character: which confusions are possible (homophone, similar shape, a distinct traditional form),
 * computed on first sight and cached in a 64k table, so checking a name costs a few array reads.
 */
export class CharacterTraits {
  private readonly traits = new Uint8Array(65536);
  private readonly traditional = new Map<number, string>();

  constructor(private readonly toTraditional: (text: string) => string) {}

  of(code: number): number {
    let traits = this.traits[code]!;
    if (traits !== 0) return traits;
    const ch = String.fromCharCode(code);
    traits = TRAIT_KNOWN;
    if (HOMOPHONES.has(ch)) traits |= TRAIT_HOMOPHONE;
    if (SIMILAR_SHAPES.has(ch)) traits |= TRAIT_SHAPE;
    const t = this.toTraditional(ch);
    if (t !== ch && t.length === 1) {
      traits |= TRAIT_TRADITIONAL;
      this.traditional.set(code, t);
    }
    this.traits[code] = traits;
    return traits;
  }

  traditionalOf(code: number): string {
    return this.traditional.get(code) ?? String.fromCharCode(code);
  }
}

/**
 * Writes field values the way a department's clerks do, mistakes included. Each call formats one cell:
 * it counts an opportunity for every error kind that could apply, draws at most one error with the
 * source's rates (kinds are mutually exclusive per field), and records any error with the true and the
 * written value. The caller sets `row` before formatting a row's cells.
 */
export class Corruptor {
  row = 0;
  private readonly source: number;
  private readonly rateOf: Float64Array;
  private u = 0;
  private chosen = -1;

  constructor(
    private readonly random: Random,
    rates: ErrorRates,
    private readonly log: ErrorLog,
    sourceName: SourceName,
    private readonly file: string,
    private readonly traits: CharacterTraits,
    private readonly places: Places,
  ) {
    this.source = SOURCES.indexOf(sourceName);
    this.rateOf = Float64Array.from(ERROR_KINDS, (k) => rates[k.key]);
  }

  /** A person's name; optional names (a father's) may also be left blank. */
  name(field: string, surname: string, given: string, optional = false): string {
    const value = surname + given;
    if (value === "") return value;
    let homophones = 0;
    let shapes = 0;
    let traditional = 0;
    for (let i = 0; i < value.length; i++) {
      const t = this.traits.of(value.charCodeAt(i));
      if (t & TRAIT_HOMOPHONE) homophones++;
      if (t & TRAIT_SHAPE) shapes++;
      if (t & TRAIT_TRADITIONAL) traditional++;
    }
    const dot = value.indexOf(MIDDLE_DOT);
    this.begin();
    this.consider(homophones > 0 ? KIND.nameHomophone : -1);
    this.consider(shapes > 0 ? KIND.nameSimilarShape : -1);
    this.consider(traditional > 0 ? KIND.nameTraditional : -1);
    this.consider(value.length >= 2 ? KIND.nameSpace : -1);
    this.consider(dot >= 0 ? KIND.nameDotVariant : -1);
    this.consider(optional ? KIND.fieldMissing : -1);
    const kind = this.chosen;
    if (kind < 0) return value;
    let written: string;
    switch (kind) {
      case KIND.nameHomophone:
        written = this.replaceCharacter(value, TRAIT_HOMOPHONE, homophones, (ch) => this.random.pick(Array.from(HOMOPHONES.get(ch)!)));
        break;
      case KIND.nameSimilarShape:
        written = this.replaceCharacter(value, TRAIT_SHAPE, shapes, (ch) => this.random.pick(Array.from(SIMILAR_SHAPES.get(ch)!)));
        break;
      case KIND.nameTraditional:
        written = this.replaceCharacter(value, TRAIT_TRADITIONAL, traditional, (ch) => this.traits.traditionalOf(ch.charCodeAt(0)));
        break;
      case KIND.nameSpace: {
        // Most often between surname and given name; the ideographic space U+3000 comes from IME input.
        const at = surname.length > 0 && surname.length < value.length && this.random.chance(0.6) ? surname.length : 1 + this.random.int(value.length - 1);
        written = value.slice(0, at) + (this.random.chance(0.3) ? "\u3000" : " ") + value.slice(at);
        break;
      }
      case KIND.nameDotVariant:
        written = value.replace(MIDDLE_DOT, this.random.pick(MIDDLE_DOT_VARIANTS));
        break;
      default:
        written = "";
    }
    return this.recorded(kind, field, value, written);
  }

  /** An 18-character ID number ("" when the department has none). */
  id(field: string, value: string): string {
    if (value === "") return value;
    // Only people born in the 1900s ever held a 15-digit number.
    const hadLegacy = value.length === 18 && value.charCodeAt(6) === 49 && value.charCodeAt(7) === 57;
    this.begin();
    this.consider(KIND.idSubstitution);
    this.consider(KIND.idTransposition);
    this.consider(KIND.idMissing);
    this.consider(hadLegacy ? KIND.idLegacy15 : -1);
    this.consider(KIND.idFullWidth);
    const kind = this.chosen;
    if (kind < 0) return value;
    let written: string;
    switch (kind) {
      case KIND.idSubstitution: {
        const at = this.random.int(value.length);
        const old = value.charCodeAt(at) - 48;
        const digit = (old + 1 + this.random.int(9)) % 10;
        written = value.slice(0, at) + String(digit) + value.slice(at + 1);
        break;
      }
      case KIND.idTransposition: {
        let at = this.random.int(value.length - 1);
        for (let tries = 0; tries < value.length && value[at] === value[at + 1]; tries++) at = (at + 1) % (value.length - 1);
        written = value.slice(0, at) + value[at + 1]! + value[at]! + value.slice(at + 2);
        break;
      }
      case KIND.idLegacy15:
        written = findLegacyId(value) ?? value;
        break;
      case KIND.idFullWidth:
        written = toFullWidth(value);
        break;
      default:
        written = "";
    }
    return this.recorded(kind, field, value, written);
  }

  /** A date in the column's usual style; now and then in another style or with day and month swapped. */
  date(field: string, day: number, style: DateStyle, optional = false): string {
    const ymd = civilFromDays(day);
    const value = formatYmd(ymd, style);
    const d = ymd % 100;
    const m = Math.floor(ymd / 100) % 100;
    this.begin();
    this.consider(KIND.dateFormat);
    this.consider(d <= 12 && d !== m ? KIND.dateDayMonthSwap : -1);
    this.consider(optional ? KIND.fieldMissing : -1);
    const kind = this.chosen;
    if (kind < 0) return value;
    let written: string;
    if (kind === KIND.dateFormat) {
      let other = this.random.pick(DATE_STYLES);
      if (other === style) other = DATE_STYLES[(DATE_STYLES.indexOf(style) + 1) % DATE_STYLES.length]!;
      written = formatYmd(ymd, other);
    } else if (kind === KIND.dateDayMonthSwap) {
      written = formatYmd(ymd - m * 100 - d + d * 100 + m, style);
    } else {
      written = "";
    }
    return this.recorded(kind, field, value, written);
  }

  /** Sex as the column writes it (男/女 or 1/2); sometimes in the other coding, rarely wrong. */
  sex(field: string, sex: number, style: SexStyle): string {
    const value = formatSex(sex, style);
    this.begin();
    this.consider(KIND.sexCodeVariant);
    this.consider(KIND.sexWrong);
    const kind = this.chosen;
    if (kind < 0) return value;
    const written = kind === KIND.sexCodeVariant ? formatSex(sex, style === "word" ? "code" : "word") : formatSex(3 - sex, style);
    return this.recorded(kind, field, value, written);
  }

  /** A full address; sometimes only to the township or the county (a coarse address). */
  address(field: string, township: number, village: number, house: number, withProvince: boolean, optional = false): string {
    const value = this.places.address(township, village, house, "full", withProvince);
    this.begin();
    this.consider(KIND.addressCoarse);
    this.consider(optional ? KIND.fieldMissing : -1);
    const kind = this.chosen;
    if (kind < 0) return value;
    const written =
      kind === KIND.addressCoarse ? this.places.address(township, village, house, this.random.chance(0.6) ? "township" : "county", withProvince) : "";
    return this.recorded(kind, field, value, written);
  }

  /** Any other optional field: sometimes left blank. */
  optional(field: string, value: string): string {
    if (value === "") return value;
    this.begin();
    this.consider(KIND.fieldMissing);
    const kind = this.chosen;
    return kind < 0 ? value : this.recorded(kind, field, value, "");
  }

  /**
   * Starts a draw for one field. `consider` then counts an opportunity for each applicable kind (a negative
   * kind is not applicable) and picks at most one: kind k with probability rate(k), so that
   * injected / opportunities estimates the profile's rate. The kind drawn is in `chosen` (−1: none).
   */
  private begin(): void {
    this.u = this.random.float();
    this.chosen = -1;
  }

  private consider(kind: number): void {
    if (kind < 0) return;
    this.log.opportunity(this.source, kind);
    if (this.chosen >= 0) return;
    const rate = this.rateOf[kind]!;
    if (this.u < rate) this.chosen = kind;
    else this.u -= rate;
  }

  private recorded(kind: number, field: string, value: string, written: string): string {
    this.log.record(this.source, kind, this.file, this.row, field, value, written);
    return written;
  }

  /** Replaces the k-th character (chosen at random among those with `trait`) using `replace`. */
  private replaceCharacter(value: string, trait: number, eligible: number, replace: (ch: string) => string): string {
    let k = this.random.int(eligible);
    for (let i = 0; i < value.length; i++) {
      if ((this.traits.of(value.charCodeAt(i)) & trait) === 0) continue;
      if (k-- === 0) return value.slice(0, i) + replace(value[i]!) + value.slice(i + 1);
    }
    return value;
  }
}

function formatSex(sex: number, style: SexStyle): string {
  if (style === "code") return sex === 1 ? "1" : "2";
  return sex === 1 ? "男" : "女";
}

function toFullWidth(value: string): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    out += c >= 48 && c <= 57 ? String.fromCharCode(0xff10 + c - 48) : c === 88 ? "Ｘ" : value[i]!;
  }
  return out;
}
