/**
 * Which division codes exist in the reference table, looked up through the divisions module a batch of
 * codes at a time and remembered, so that row validation (pure, synchronous) can ask about any code of the
 * rows it is given. An import sees a few thousand distinct codes at most, so the memo stays small.
 *
 * The shipped reference data stops at townships (src/db/reference/DIVISIONS-SOURCE.md), so a 12-digit
 * village code counts as known when its township is.
 */
import type { Db } from "../../db/database.ts";
import { parseDivisionCode } from "../../kernel/divisions.ts";
import { toHalfWidth } from "../../kernel/half-width.ts";
import { findDivisions } from "../divisions/store.ts";

export class KnownDivisions {
  private readonly known = new Map<string, boolean>();

  constructor(private readonly db: Db) {}

  /** Looks up the canonical forms of `rawCodes` not seen before. */
  async load(rawCodes: Iterable<string>): Promise<void> {
    const unseen = new Set<string>();
    for (const raw of rawCodes) {
      const parsed = parseDivisionCode(toHalfWidth(raw));
      if (parsed.ok && !this.known.has(parsed.value.code)) unseen.add(parsed.value.code);
      if (parsed.ok && parsed.value.level === "village" && !this.known.has(parsed.value.parentCode)) unseen.add(parsed.value.parentCode);
    }
    if (unseen.size === 0) return;
    const found = new Set((await findDivisions(this.db, [...unseen])).map((division) => division.code));
    for (const code of unseen) this.known.set(code, found.has(code));
  }

  /** Whether a canonical code, already passed to `load`, exists (a village: whether its township does). */
  readonly isKnown = (code: string): boolean => this.known.get(code.length === 12 ? code.slice(0, 9) : code) ?? false;
}
