/**
 * Validation and normalisation of one source row (pure: no I/O). The rules are the import's contract with
 * the departments (README.md "Codes"): every source needs some identity, readable dates and sexes;
 * `hukou`, the reference registry, needs a full and self-consistent identity; event sources tolerate bad ID
 * numbers (linkage copes) but not impossible dates. Normalised values and linkage features come from the
 * kernel. Duplicates across rows are the caller's business (they need state).
 */
import { BoundedMemo } from "../../kernel/bounded-memo.ts";
import { ageInYears, parseCivilDate, type IsoDate } from "../../kernel/dates.ts";
import { parseDivisionCode } from "../../kernel/divisions.ts";
import { toHalfWidth } from "../../kernel/half-width.ts";
import { maskName, maskPhone } from "../../kernel/masking.ts";
import { deriveNameFeatures, type NameFeatures } from "../../kernel/name-features.ts";
import { maskResidentId, normaliseResidentId, parseResidentId, type ResidentId } from "../../kernel/resident-id.ts";
import type { Result } from "../../kernel/result.ts";
import { checkSexAgainstResidentId, parseSex, type Sex } from "../../kernel/sex.ts";
import { severityOf, type RowIssue, type RowIssueCode } from "./import-codes.ts";
import {
  EVENT_SOURCE_TYPES,
  PERSON_ROLES,
  personFieldName,
  splitPersonField,
  type ColumnMapping,
  type PersonField,
  type PersonRole,
  type SourceType,
  type StandardField,
} from "./model.ts";

/** The county code records go under when nothing in the row names a county (README "Storage"). */
export const UNKNOWN_REGION = "000000";

export interface RowPlan {
  readonly sourceType: SourceType;
  readonly headers: readonly string[];
  readonly columnOf: Readonly<Partial<Record<StandardField, number>>>;
  /** Roles with at least one mapped field, in PERSON_ROLES order. */
  readonly roles: readonly PersonRole[];
  /** Spreadsheet rows omit trailing empty cells: pad them instead of calling them short. */
  readonly padShortRows: boolean;
}

export function planRows(headers: readonly string[], mapping: ColumnMapping, sourceType: SourceType, padShortRows: boolean): RowPlan {
  const columnOf: Partial<Record<StandardField, number>> = {};
  mapping.forEach((field, index) => {
    if (field !== null) columnOf[field] = index;
  });
  const roles = PERSON_ROLES.filter((role) =>
    mapping.some((field) => field !== null && splitPersonField(field)?.role === role),
  );
  return { sourceType, headers, columnOf, roles, padShortRows };
}

export interface PersonValues {
  readonly role: PersonRole;
  readonly nameNorm: string | null;
  readonly namePinyin: string | null;
  readonly initials: string | null;
  readonly surname: string | null;
  readonly birthDate: string | null;
  readonly sex: Sex | null;
  readonly idNumber: string | null;
  readonly idValid: boolean;
  readonly phone: string | null;
}

export interface RecordValues {
  readonly regionCode: string;
  readonly sourceId: string | null;
  readonly eventDate: string | null;
  readonly divisionCode: string | null;
  readonly address: string | null;
  readonly attributes: Record<string, string | number> | null;
}

export interface RowOutcome {
  readonly issues: readonly RowIssue[];
  /** At least one issue is an error for this source type: the row goes to quarantine. */
  readonly rejected: boolean;
  readonly record: RecordValues;
  readonly persons: readonly PersonValues[];
}

export interface ValidationContext {
  /** Dates after this day are impossible. */
  readonly asOf: IsoDate;
  readonly isKnownDivision: (code: string) => boolean;
}

/** Roles whose missing ID number is worth a warning in event sources (newborns and fathers often have none). */
const ID_EXPECTED: Readonly<Record<SourceType, ReadonlySet<PersonRole>>> = {
  hukou: new Set(["subject"]),
  persons: new Set(["subject"]),
  death: new Set(["subject"]),
  marriage: new Set(["subject", "spouse"]),
  delivery: new Set(["mother"]),
  birth_cert: new Set(["mother"]),
  newborn_reg: new Set(["child", "mother"]),
};

/** Age bounds at a child's birth beyond which a parent's birth date is probably wrong. */
const PARENT_AGE = { mother: [12, 60], father: [14, 90] } as const;
/** Legal marriage age, Civil Code of the PRC (2020) art. 1047: men 22, women 20. */
const LEGAL_MARRIAGE_AGE = { male: 22, female: 20 } as const;

/** Memo generations (BoundedMemo): registries repeat names and dates heavily (Zipf), so modest memos catch most repeats. */
const NAME_MEMO_GENERATION = 30_000;
const DATE_MEMO_GENERATION = 40_000;

/**
 * Returns a validator for rows of one file. It memoises name features and date parses, which repeat heavily
 * in registries (张伟; the same birth dates), to keep the import fast; the memos are bounded.
 */
export function createRowValidator(plan: RowPlan, context: ValidationContext): (cells: readonly string[]) => RowOutcome {
  const names = new BoundedMemo(NAME_MEMO_GENERATION, deriveNameFeatures);
  const dates = new BoundedMemo(DATE_MEMO_GENERATION, parseCivilDate);
  const featuresOf = (raw: string): NameFeatures => names.get(raw);
  const parseDate = (raw: string): Result<IsoDate, string> => dates.get(raw);
  return (cells) => validateCells(cells, plan, context, featuresOf, parseDate);
}

interface PersonDraft {
  role: PersonRole;
  name?: NameFeatures | undefined;
  rawName: string;
  rawId: string;
  rawBirth: string;
  rawSex: string;
  id?: ResidentId | undefined;
  birthDate?: IsoDate | undefined;
  sex?: Sex | undefined;
  phone: string | null;
}

function validateCells(
  rawCells: readonly string[],
  plan: RowPlan,
  context: ValidationContext,
  featuresOf: (raw: string) => NameFeatures,
  parseDate: (raw: string) => Result<IsoDate, string>,
): RowOutcome {
  const issues: RowIssue[] = [];
  const expected = plan.headers.length;
  const cells = fitCells(rawCells, expected, plan.padShortRows);
  if (cells === undefined) {
    issues.push({ code: "column_count", params: { count: rawCells.length, expected } });
    return { issues, rejected: true, record: emptyRecord(), persons: [] };
  }
  const { sourceType } = plan;
  const columnName = (field: StandardField): string | undefined => {
    const index = plan.columnOf[field];
    return index === undefined ? undefined : plan.headers[index];
  };
  const cell = (field: StandardField): string => {
    const index = plan.columnOf[field];
    return index === undefined ? "" : cells[index]!.trim();
  };
  const report = (code: RowIssueCode, field: StandardField | undefined, extra: Partial<RowIssue> = {}) => {
    issues.push({ code, field, column: field ? columnName(field) : undefined, ...extra });
  };
  const readDate = (field: StandardField): IsoDate | undefined => {
    const raw = cell(field);
    if (raw === "") return undefined;
    const parsed = parseDate(raw);
    if (!parsed.ok) {
      report(parsed.reason === "unrecognised_format" ? "date_unparseable" : "date_impossible", field, { value: shorten(raw), reason: parsed.reason });
      return undefined;
    }
    if (parsed.value > context.asOf) {
      report("date_in_future", field, { value: parsed.value });
      return undefined;
    }
    return parsed.value;
  };

  // The record's own fields.
  const eventDate = readDate("event_date");
  const registrationDate = readDate("registration_date");
  if (EVENT_SOURCE_TYPES.has(sourceType) && plan.columnOf.event_date !== undefined && cell("event_date") === "") {
    report("event_date_missing", "event_date");
  }
  const divisionCode = readDivision(cell("division_code"), context, (code, extra) => report(code, "division_code", extra));
  const attributes: Record<string, string | number> = {};
  for (const field of ["birth_order", "plurality"] as const) {
    const raw = cell(field);
    if (raw === "") continue;
    const number = Number(toHalfWidth(raw));
    if (Number.isInteger(number) && number >= 1 && number <= 20) attributes[field] = number;
    else report("number_invalid", field, { value: shorten(raw) });
  }
  if (registrationDate) attributes.registration_date = registrationDate;
  if (cell("facility") !== "") attributes.facility = cell("facility");

  // The people the row names.
  const drafts: PersonDraft[] = [];
  for (const role of plan.roles) {
    const draft = readPerson(role, cell, report, readDate, featuresOf, context);
    if (draft) drafts.push(draft);
  }
  if (!drafts.some((draft) => draft.name !== undefined || draft.rawId !== "")) report("no_identity", undefined);
  checkRequiredIdentity(plan, drafts, report);
  checkDates(plan, drafts, eventDate, registrationDate, report);

  const record: RecordValues = {
    regionCode: regionOf(divisionCode, drafts),
    sourceId: cell("source_id") || null,
    eventDate: eventDate ?? null,
    divisionCode: divisionCode ?? null,
    address: cell("address") || null,
    attributes: Object.keys(attributes).length > 0 ? attributes : null,
  };
  const persons = drafts.map((draft) => toPersonValues(draft));
  const rejected = issues.some((issue) => severityOf(issue.code, sourceType) === "error");
  return { issues, rejected, record, persons };
}

/** The row's cells at the header's width, or undefined when the width is wrong. */
function fitCells(cells: readonly string[], expected: number, pad: boolean): readonly string[] | undefined {
  if (cells.length === expected) return cells;
  if (cells.length < expected) return pad ? [...cells, ...Array<string>(expected - cells.length).fill("")] : undefined;
  // A trailing delimiter on every line (or stray empty spreadsheet cells) adds empty cells: harmless.
  for (let i = expected; i < cells.length; i++) if (cells[i]!.trim() !== "") return undefined;
  return cells.slice(0, expected);
}

function readDivision(
  raw: string,
  context: ValidationContext,
  report: (code: RowIssueCode, extra: Partial<RowIssue>) => void,
): string | undefined {
  if (raw === "") return undefined;
  const parsed = parseDivisionCode(toHalfWidth(raw));
  if (!parsed.ok) {
    report("division_code_invalid", { value: shorten(raw), reason: parsed.reason });
    return undefined;
  }
  if (!context.isKnownDivision(parsed.value.code)) report("division_unknown", { value: parsed.value.code });
  return parsed.value.code;
}

function readPerson(
  role: PersonRole,
  cell: (field: StandardField) => string,
  report: (code: RowIssueCode, field: StandardField | undefined, extra?: Partial<RowIssue>) => void,
  readDate: (field: StandardField) => IsoDate | undefined,
  featuresOf: (raw: string) => NameFeatures,
  context: ValidationContext,
): PersonDraft | undefined {
  const field = (name: PersonField) => personFieldName(role, name);
  const rawName = cell(field("name"));
  const rawId = cell(field("id_number"));
  const rawSex = cell(field("sex"));
  const rawPhone = cell(field("phone"));
  const rawBirth = cell(field("birth_date"));
  if (rawName === "" && rawId === "" && rawSex === "" && rawPhone === "" && rawBirth === "") return undefined;

  const features = rawName === "" ? undefined : featuresOf(rawName);
  const draft: PersonDraft = {
    role,
    rawName,
    rawId,
    rawBirth,
    rawSex,
    name: features && features.normalised !== "" ? features : undefined,
    birthDate: readDate(field("birth_date")),
    phone: null,
  };
  if (rawSex !== "") {
    const sex = parseSex(rawSex);
    if (sex.ok) draft.sex = sex.value;
    else report("sex_unrecognised", field("sex"), { value: shorten(rawSex), reason: sex.reason });
  }
  if (rawId !== "") {
    const id = parseResidentId(rawId, { asOf: context.asOf });
    if (id.ok) draft.id = id.value;
    else report("id_invalid", field("id_number"), { value: maskResidentId(rawId), reason: id.reason });
  }
  if (draft.id && draft.birthDate && draft.id.birthDate !== draft.birthDate) {
    report("id_birth_date_mismatch", field("birth_date"), { value: draft.birthDate });
  }
  if (draft.id && draft.sex && checkSexAgainstResidentId(draft.sex, draft.id) === "disagree") {
    report("id_sex_mismatch", field("sex"), { value: rawSex });
  }
  if (rawPhone !== "") {
    const phone = normalisePhone(rawPhone);
    if (phone === undefined) report("phone_invalid", field("phone"), { value: maskPhone(rawPhone) });
    draft.phone = phone ?? rawPhone;
  }
  return draft;
}

function checkRequiredIdentity(
  plan: RowPlan,
  drafts: readonly PersonDraft[],
  report: (code: RowIssueCode, field: StandardField | undefined, extra?: Partial<RowIssue>) => void,
): void {
  const expectId = ID_EXPECTED[plan.sourceType];
  if (plan.sourceType === "hukou") {
    const subject = drafts.find((draft) => draft.role === "subject");
    if (!subject?.name) report("name_missing", "name");
    if (!subject || subject.rawId === "") report("id_missing", "id_number");
    if (!subject || subject.rawBirth === "") report("birth_date_missing", "birth_date");
    if (!subject || subject.rawSex === "") report("sex_missing", "sex");
    return;
  }
  for (const draft of drafts) {
    const idField = personFieldName(draft.role, "id_number");
    if (draft.rawId === "" && expectId.has(draft.role) && plan.columnOf[idField] !== undefined) report("id_missing", idField);
  }
}

function checkDates(
  plan: RowPlan,
  drafts: readonly PersonDraft[],
  eventDate: IsoDate | undefined,
  registrationDate: IsoDate | undefined,
  report: (code: RowIssueCode, field: StandardField | undefined, extra?: Partial<RowIssue>) => void,
): void {
  const birthOf = (draft: PersonDraft) => draft.birthDate ?? draft.id?.birthDate;
  if (eventDate) {
    for (const draft of drafts) {
      const birth = birthOf(draft);
      if (!birth || birth <= eventDate) continue;
      if (plan.sourceType === "death" && draft.role === "subject") report("death_before_birth", "event_date", { value: eventDate });
      else report("birth_after_event", personFieldName(draft.role, draft.birthDate ? "birth_date" : "id_number"), { value: birth });
    }
    if (registrationDate && registrationDate < eventDate) report("registered_before_event", "registration_date", { value: registrationDate });
  }
  const child = drafts.find((draft) => draft.role === "child");
  const childBirth = child ? birthOf(child) : undefined;
  if (childBirth) {
    for (const role of ["mother", "father"] as const) {
      const parent = drafts.find((draft) => draft.role === role);
      const parentBirth = parent ? birthOf(parent) : undefined;
      if (!parentBirth || parentBirth > childBirth) continue;
      const age = ageInYears(parentBirth, childBirth);
      const [low, high] = PARENT_AGE[role];
      if (age < low || age > high) report("parent_age_implausible", personFieldName(role, "birth_date"), { params: { age } });
    }
  }
  if (plan.sourceType === "marriage" && eventDate) {
    for (const draft of drafts) {
      const birth = birthOf(draft);
      const sex = draft.sex ?? draft.id?.sex;
      if (!birth || birth > eventDate || (sex !== "male" && sex !== "female")) continue;
      const age = ageInYears(birth, eventDate);
      if (age < LEGAL_MARRIAGE_AGE[sex]) report("marriage_under_legal_age", personFieldName(draft.role, "birth_date"), { params: { age } });
    }
  }
}

/** The county of the row's division code, else of the first valid ID number's address code, else UNKNOWN_REGION. */
function regionOf(divisionCode: string | undefined, drafts: readonly PersonDraft[]): string {
  if (divisionCode !== undefined && divisionCode.length >= 6) return divisionCode.slice(0, 6);
  for (const draft of drafts) {
    if (!draft.id) continue;
    const county = parseDivisionCode(draft.id.addressCode);
    if (county.ok && county.value.level === "county") return county.value.code;
  }
  return UNKNOWN_REGION;
}

function toPersonValues(draft: PersonDraft): PersonValues {
  const idNumber = draft.rawId === "" ? null : (draft.id?.number ?? normaliseResidentId(draft.rawId));
  return {
    role: draft.role,
    nameNorm: draft.name?.normalised ?? null,
    namePinyin: draft.name?.pinyin ?? null,
    initials: draft.name?.initials ?? null,
    surname: draft.name ? draft.name.surname || null : null,
    // When the row does not say, the valid ID number does (GB 11643: birth date and sex are encoded in it).
    birthDate: draft.birthDate ?? draft.id?.birthDate ?? null,
    sex: draft.sex ?? draft.id?.sex ?? null,
    idNumber,
    idValid: draft.id !== undefined,
    phone: draft.phone,
  };
}

function emptyRecord(): RecordValues {
  return { regionCode: UNKNOWN_REGION, sourceId: null, eventDate: null, divisionCode: null, address: null, attributes: null };
}

const PHONE_SEPARATORS = /[\s\-().]/g;

/**
 * Mobile numbers (11 digits, 1[3-9]…, optional +86/0086 prefix) and landlines (area code 0xx/0xxx + 7–8
 * digits, or 7–8 local digits) as plain digits; undefined for anything else.
 */
export function normalisePhone(raw: string): string | undefined {
  let digits = toHalfWidth(raw).replace(PHONE_SEPARATORS, "");
  if (digits.startsWith("+86")) digits = digits.slice(3);
  else if (digits.startsWith("0086")) digits = digits.slice(4);
  if (/^1[3-9]\d{9}$/.test(digits) || /^0\d{9,11}$/.test(digits) || /^\d{7,8}$/.test(digits)) return digits;
  return undefined;
}

/** Values in messages are cut short: a message names a value, it does not carry a whole cell. */
function shorten(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

/** Masks a cell for display according to the standard field its column maps to (names, IDs, phones). */
export function maskCell(field: StandardField | null, value: string): string {
  if (value === "") return value;
  const person = field ? splitPersonField(field) : undefined;
  if (person?.field === "name") return maskName(value);
  if (person?.field === "id_number") return maskResidentId(value);
  if (person?.field === "phone") return maskPhone(value);
  if (field === "address") return Array.from(value).slice(0, 6).join("") + (Array.from(value).length > 6 ? "***" : "");
  // Unmapped columns may still hold personal data: mask anything shaped like an ID or a mobile number.
  const compact = toHalfWidth(value).replace(PHONE_SEPARATORS, "");
  if (/^\d{15}$|^\d{17}[\dXx]$/.test(compact)) return maskResidentId(value);
  if (/^1[3-9]\d{9}$/.test(compact)) return maskPhone(value);
  return value;
}
