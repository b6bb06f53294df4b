/**
 * Display masks for personal data (PIPL 2021; DESIGN.md §2 principle 4: masked by default). Masks work on
 * Unicode code points, so a rare character outside the Basic Multilingual Plane (e.g. 𠮷) counts as one.
 */
import { toHalfWidth } from "./half-width.ts";

const MASK = "*";

/**
 * Keeps the first `keepStart` and last `keepEnd` characters and masks the rest. A value too short to keep
 * both ends without showing everything is masked completely: short or malformed input never leaks whole.
 */
export function maskMiddle(value: string, keepStart: number, keepEnd: number): string {
  const characters = Array.from(value);
  if (characters.length <= keepStart + keepEnd) return MASK.repeat(characters.length);
  const hidden = characters.length - keepStart - keepEnd;
  const start = characters.slice(0, keepStart).join("");
  const end = characters.slice(characters.length - keepEnd).join("");
  return start + MASK.repeat(hidden) + end;
}

/**
 * Keeps the first character and masks every other one: 张伟 → 张*, 欧阳娜娜 → 欧***. The first character
 * rather than the whole surname, so a compound surname (rare, hence identifying) is not shown in full.
 * A one-character name is masked completely.
 */
export function maskName(name: string): string {
  const characters = Array.from(name.trim());
  if (characters.length <= 1) return MASK.repeat(characters.length);
  return characters[0] + MASK.repeat(characters.length - 1);
}

/** Separators people type inside phone numbers: spaces, hyphens, brackets, dots (after full-width → ASCII). */
const PHONE_SEPARATORS = /[\s\-().]/g;

/** Keeps the first 3 and last 4 digits: 13812341234 → 138****1234 (separators are dropped first). */
export function maskPhone(phone: string): string {
  return maskMiddle(toHalfWidth(phone).replace(PHONE_SEPARATORS, ""), 3, 4);
}
