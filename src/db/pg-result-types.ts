/**
 * How PostgreSQL values become JavaScript values, the same on both engines (both are reached through `pg`).
 * - int8 (counts, sums, bigint ids) → number; a value beyond 2^53 is a bug in our use, so it throws.
 * - date → 'YYYY-MM-DD' string: a civil date has no time zone, and Date objects would invent one.
 * - everything else keeps pg's defaults (numeric → string for exactness, timestamptz → Date, jsonb → value).
 */
import pg from "pg";

const INT8_OID = 20;
const DATE_OID = 1082;

function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 value ${text} exceeds JavaScript's safe range`);
  return value;
}

export const resultTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8_OID) return parseInt8;
    if (oid === DATE_OID) return (text: string) => text;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;
