import type { RegistrySourceType } from "../../api/client.ts";
import { ROW_ISSUES, severityOf, type RowIssueCode } from "../../../src/modules/registry/import-codes.ts";
import { zhCN, type MessageKey } from "../../i18n/zh-CN.ts";

/** The source types in the order the upload form offers them, and what a hospital reporter may submit. */
export { FACILITY_REPORT_SOURCES, SOURCE_TYPES } from "../../../src/modules/registry/model.ts";

export type CodeSeverity = "error" | "warning";

/**
 * Whether a code quarantines the row (error) or stores it flagged (warning) in this source type: the import's
 * own rule (import-codes.ts `severityOf`); a file's codes (the whole file refused) count as errors.
 */
export function severityOfCode(code: string, sourceType: RegistrySourceType): CodeSeverity {
  return code in ROW_ISSUES ? severityOf(code as RowIssueCode, sourceType) : "error";
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
