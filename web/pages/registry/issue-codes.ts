import type { RegistrySourceType } from "../../api/client.ts";
import { zhCN, type MessageKey } from "../../i18n/zh-CN.ts";

/** The source types in the order the upload form offers them (the server's SOURCE_TYPES; checked by the test). */
export const SOURCE_TYPES = ["hukou", "marriage", "delivery", "birth_cert", "newborn_reg", "death", "persons"] as const satisfies readonly RegistrySourceType[];

/** What a hospital reporter may submit (the server's FACILITY_REPORT_SOURCES; checked by the test). */
export const FACILITY_REPORT_SOURCES = ["delivery", "birth_cert"] as const satisfies readonly RegistrySourceType[];

/**
 * Codes about ID numbers: errors in `hukou`, the reference registry, warnings in every other source, where
 * linkage copes with a missing or mistyped number (src/modules/registry/import-codes.ts `identity`).
 */
const IDENTITY_CODES: ReadonlySet<string> = new Set(["id_missing", "id_invalid", "id_birth_date_mismatch", "id_sex_mismatch"]);

/** Row codes that only flag a stored row (import-codes.ts severity `warning`). */
const WARNING_CODES: ReadonlySet<string> = new Set([
  "event_date_missing",
  "parent_age_implausible",
  "marriage_under_legal_age",
  "division_code_invalid",
  "division_unknown",
  "phone_invalid",
  "number_invalid",
  "duplicate_source_id",
  "duplicate_id_number",
]);

export type CodeSeverity = "error" | "warning";

/** Whether a row code quarantines the row (error) or stores it flagged (warning) in this source type. */
export function severityOfCode(code: string, sourceType: RegistrySourceType): CodeSeverity {
  if (IDENTITY_CODES.has(code)) return sourceType === "hukou" ? "error" : "warning";
  return WARNING_CODES.has(code) ? "warning" : "error";
}

/** The short label of a row or file code (`registry.code.*`), or undefined for a code this console does not know. */
export function codeLabelKey(code: string): MessageKey | undefined {
  const key = `registry.code.${code}`;
  return key in zhCN ? (key as MessageKey) : undefined;
}

export interface CodeCountRow {
  readonly code: string;
  readonly severity: CodeSeverity;
  readonly count: number;
}

/** A batch's counts by code as table rows: errors before warnings, then the most frequent first, then by code. */
export function codeCountRows(counts: Readonly<Record<string, number>>, sourceType: RegistrySourceType): CodeCountRow[] {
  return Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([code, count]) => ({ code, count, severity: severityOfCode(code, sourceType) }))
    .sort((a, b) => (a.severity === b.severity ? b.count - a.count || a.code.localeCompare(b.code) : a.severity === "error" ? -1 : 1));
}
