import type { PersonRole, SourceType } from "../registry/model.ts";
import type { FieldSpec } from "./model.ts";
import { prepareLinkInputInParallel, type PrepareResult } from "./prepare-link-input.ts";
import { MENTION_FIELD_TYPES, type MentionField } from "./run-model.ts";
import { filedUnder } from "../registry/filed-under.ts";

/**
 * Imported mentions (registry `mention` rows) → the engine's prepared input. The mentions become one table
 * whose columns are the chosen features, and go through `prepareLinkInput` exactly like a CSV file given to
 * `renkou link` with `--field name:zh_name --field birth_date:date …`: same field types, same features, same
 * checks (a feature empty in every mention is dropped with a warning). A run on mentions deduplicates: the
 * same person in two departments' files, or twice in one, is a pair.
 */
export interface MentionRow {
  readonly regionCode: string;
  readonly batchId: number;
  readonly rowNumber: number;
  readonly role: PersonRole;
  readonly sourceType: SourceType;
  readonly nameNorm: string | null;
  readonly sex: string | null;
  readonly birthDate: string | null;
  readonly idNumber: string | null;
  readonly divisionCode: string | null;
  readonly phone: string | null;
  /** The normalised name of the spouse or other parent named in the same record, if any. */
  readonly partnerName: string | null;
}

export interface MentionKey {
  readonly regionCode: string;
  readonly batchId: number;
  readonly rowNumber: number;
  readonly role: PersonRole;
}

/** The record id a mention has inside the engine: its primary key, `370406:12:5:mother`. */
export function formatMentionKey(key: MentionKey): string {
  return `${key.regionCode}:${key.batchId}:${key.rowNumber}:${key.role}`;
}

export function parseMentionKey(text: string): MentionKey {
  const [regionCode, batchId, rowNumber, role] = text.split(":");
  if (regionCode === undefined || batchId === undefined || rowNumber === undefined || role === undefined) {
    throw new Error(`not a mention key: ${text}`);
  }
  return { regionCode, batchId: Number(batchId), rowNumber: Number(rowNumber), role: role as PersonRole };
}

/** The field specifications of a run: one per chosen feature, named after it, typed as the CLI would. */
export function mentionFieldSpecs(fields: readonly MentionField[]): FieldSpec[] {
  return fields.map((field) => ({ name: field, leftColumn: field, rightColumn: field, type: MENTION_FIELD_TYPES[field] }));
}

const ID_COLUMN = "mention";

export function prepareMentionInput(mentions: readonly MentionRow[], fields: readonly MentionField[]): Promise<PrepareResult> {
  const header = [ID_COLUMN, ...fields];
  const rows = mentions.map((mention) => [formatMentionKey(mention), ...fields.map((field) => mentionValue(mention, field))]);
  return prepareLinkInputInParallel({ label: "mentions", idColumn: ID_COLUMN, header, rows }, undefined, mentionFieldSpecs(fields));
}

function mentionValue(mention: MentionRow, field: MentionField): string | null {
  switch (field) {
    case "name":
      return mention.nameNorm;
    case "sex":
      // The mention stores the parsed sex; the comparison reads GB/T 2261.1 codes (unknown sexes are missing).
      return mention.sex === "male" ? "1" : mention.sex === "female" ? "2" : null;
    case "birth_date":
      return mention.birthDate;
    case "id_number":
      return mention.idNumber;
    case "division_code":
      return mention.divisionCode;
    case "phone":
      return mention.phone;
    case "partner_name":
      return mention.partnerName;
  }
}

/**
 * The division a mention is filed under for jurisdiction: its division code when that lies inside its county
 * (6, 9 or 12 digits), else its county; none when the county is unknown (`000000`) — the rule the registry's
 * row-level security applies to `mention` (migration 0025).
 */
export function fileMentionUnder(mention: Pick<MentionRow, "regionCode" | "divisionCode">): string | null {
  return filedUnder(mention.divisionCode, mention.regionCode);
}

const DIVISION_LEVEL_LENGTHS = [12, 9, 6, 4, 2];

/**
 * The jurisdiction key of a pair: the longest division that contains both mentions (their common prefix cut
 * to a division level). A grant sees the pair exactly when it covers both mentions, so nobody learns of a
 * person outside their jurisdiction from a pair. Null (visible to no grant) when either mention is filed
 * nowhere or they share no province.
 */
export function sharedDivision(a: string | null, b: string | null): string | null {
  if (a === null || b === null) return null;
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  const length = DIVISION_LEVEL_LENGTHS.find((level) => level <= common);
  return length === undefined ? null : a.slice(0, length);
}
