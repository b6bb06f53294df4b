import { normaliseResidentId, parseResidentId } from "../../kernel/resident-id.ts";
import type { FeatureValues } from "./field-features.ts";

/**
 * Features of an ID number (GB 11643-1999, DOMAIN.md §1). A valid number is compared in its 18-character form
 * (so a legacy 15-digit number equals its successor); a corrupted one is kept as written, because one wrong
 * digit is still strong evidence. The embedded birth date is read from the 18-character layout even when the
 * check character fails. `valid` ("1", else missing) marks a number that passes the check: two valid numbers
 * that differ are two people (the check catches every single substitution and adjacent transposition, so
 * typing errors almost never give another valid number), however much else they share — twins share birth
 * date, surname and address, and their numbers share everything but the sequence code.
 */
export function computeResidentIdFeatures(raw: string): FeatureValues {
  const written = normaliseResidentId(raw);
  if (written === "") return {};
  const parsed = parseResidentId(raw);
  const norm = parsed.ok ? parsed.value.number : written;
  const birth = parsed.ok
    ? parsed.value.birthDate.replace(/-/g, "")
    : /^\d{14}/.test(written) && written.length === 18
      ? written.slice(6, 14)
      : null;
  return { raw: raw.trim(), norm, birth, valid: parsed.ok ? "1" : null };
}
