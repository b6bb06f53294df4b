/**
 * Citizen identification number (公民身份号码), GB 11643-1999, and its 15-digit predecessor GB 11643-1989
 * (DOMAIN.md §1). 18 characters: address code (6, GB/T 2260 county code in force when the number was issued)
 * + birth date YYYYMMDD (8) + sequence (3, odd = male, even = female) + check character (ISO 7064 MOD 11-2).
 */
import { createHmac } from "node:crypto";
import { buildIsoDate, compareIsoDates, type IsoDate } from "./dates.ts";
import { toHalfWidth } from "./half-width.ts";
import { maskMiddle } from "./masking.ts";
import { computeCheckCharacter } from "./resident-id-check.ts";
import { fail, ok, type Result } from "./result.ts";

export const RESIDENT_ID_REASONS = ["empty", "bad_length", "bad_characters", "bad_birth_date", "bad_checksum"] as const;
export type ResidentIdReason = (typeof RESIDENT_ID_REASONS)[number];

/** A validated, normalised 18-character ID number (17 digits + digit or `X`). */
export type ResidentIdNumber = string & { readonly __brand: "ResidentIdNumber" };

/**
 * The 6-digit GB/T 2260 code printed in an ID number. Deliberately not `CountyCode` from divisions.ts: it is
 * the code in force at issue, so it may name an abolished county or a city-level 市辖区 row ending in 00.
 * Pass it through `parseDivisionCode` to get today's canonical division, if there is one.
 */
export type AddressCode = string & { readonly __brand: "AddressCode" };

export interface ResidentId {
  /** Normalised 18-character form, also for numbers that were given in the legacy 15-digit form. */
  readonly number: ResidentIdNumber;
  readonly addressCode: AddressCode;
  readonly birthDate: IsoDate;
  /** From the parity of the sequence code (GB 11643-1999): odd male, even female. */
  readonly sex: "male" | "female";
  /** The 3-digit sequence code, leading zeros kept. */
  readonly sequence: string;
  readonly wasLegacy15: boolean;
}

export interface ParseResidentIdOptions {
  /** Reject birth dates after this day (e.g. the record's registration date). Without it, no such check. */
  readonly asOf?: IsoDate;
}

/** Whitespace (incl. U+3000 after full-width mapping), zero-width characters, hyphens and dashes. */
const IGNORED_IN_ID = /[\s\u200b-\u200d\u2060\ufeff\u2010-\u2015\u2212-]/g;

/**
 * Canonical spelling of a possibly malformed ID number: full-width → ASCII, separators removed, `x` → `X`.
 * Not validated: linkage keeps corrupted numbers as evidence (DOMAIN.md §1).
 */
export function normaliseResidentId(raw: string): string {
  return toHalfWidth(raw).replace(IGNORED_IN_ID, "").replace(/x/g, "X");
}

/**
 * Validates an ID number and reads its fields. Checks run from the coarsest to the finest, so the reason
 * names the first thing wrong: characters, length, birth date, then the check character. Address codes are
 * not looked up: codes change and abolished counties stay valid inside old numbers (DOMAIN.md §1).
 * Failure details never contain the number itself (they may be logged).
 */
export function parseResidentId(
  raw: string,
  options: ParseResidentIdOptions = {},
): Result<ResidentId, ResidentIdReason> {
  const number = normaliseResidentId(raw);
  if (number === "") return fail("empty");
  if (!/^[0-9X]+$/.test(number)) return fail("bad_characters", "only digits and a final X are allowed");
  if (number.length === 18) return parseEighteen(number, options);
  if (number.length === 15) return parseLegacyFifteen(number, options);
  return fail("bad_length", `${number.length} characters, expected 18 (or 15 for the 1989 form)`);
}

function parseEighteen(number: string, options: ParseResidentIdOptions): Result<ResidentId, ResidentIdReason> {
  if (!/^\d{17}[\dX]$/.test(number)) return fail("bad_characters", "X is allowed only as the check character");
  const birthDate = readBirthDate(number.slice(6, 14), options);
  if (!birthDate.ok) return birthDate;
  if (computeCheckCharacter(number.slice(0, 17)) !== number[17]) return fail("bad_checksum");
  return ok(toResidentId(number, birthDate.value, false));
}

/** GB 11643-1989 numbers: address(6) + YYMMDD + sequence(3); every holder was born in the 1900s. */
function parseLegacyFifteen(number: string, options: ParseResidentIdOptions): Result<ResidentId, ResidentIdReason> {
  if (!/^\d{15}$/.test(number)) return fail("bad_characters", "a 15-digit number has no check character");
  const first17 = `${number.slice(0, 6)}19${number.slice(6)}`;
  const birthDate = readBirthDate(first17.slice(6, 14), options);
  if (!birthDate.ok) return birthDate;
  return ok(toResidentId(first17 + computeCheckCharacter(first17), birthDate.value, true));
}

function readBirthDate(yyyymmdd: string, { asOf }: ParseResidentIdOptions): Result<IsoDate, "bad_birth_date"> {
  const year = Number(yyyymmdd.slice(0, 4));
  const date = buildIsoDate(year, Number(yyyymmdd.slice(4, 6)), Number(yyyymmdd.slice(6, 8)));
  if (!date.ok) return fail("bad_birth_date", date.reason);
  const isAfterAsOf = asOf !== undefined && compareIsoDates(date.value, asOf) > 0;
  return isAfterAsOf ? fail("bad_birth_date", "after the as-of date") : date;
}

function toResidentId(number: string, birthDate: IsoDate, wasLegacy15: boolean): ResidentId {
  const sequence = number.slice(14, 17);
  return {
    number: number as ResidentIdNumber,
    addressCode: number.slice(0, 6) as AddressCode,
    birthDate,
    sex: Number(sequence) % 2 === 1 ? "male" : "female",
    sequence,
    wasLegacy15,
  };
}

/** First 4 and last 4 characters shown, e.g. `3704**********0028` (DOMAIN.md §1); short input fully masked. */
export function maskResidentId(id: string): string {
  return maskMiddle(normaliseResidentId(id), 4, 4);
}

/**
 * Keyed HMAC-SHA256 (RFC 2104, FIPS 180-4) of the ID number, hex, for joins across systems without
 * exchanging plain numbers (DOMAIN.md §1). A valid number is hashed in its 18-character form, so a legacy
 * 15-digit number and its 18-digit successor join; an invalid one is hashed as normalised.
 * An empty key would make the hash a plain, reversible digest of a small space: that is a bug, so it throws.
 */
export function hashResidentId(id: string, key: string | Uint8Array): string {
  if (key.length === 0) throw new Error("hashResidentId needs a non-empty secret key");
  const parsed = parseResidentId(id);
  const canonical = parsed.ok ? parsed.value.number : normaliseResidentId(id);
  return createHmac("sha256", key).update(canonical, "utf8").digest("hex");
}
