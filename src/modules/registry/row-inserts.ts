/**
 * Turns a validated row into the rows the store writes: a stored record with one mention per person, or a
 * quarantine entry keeping the raw cells, codes and rendered messages.
 */
import { describeRowIssue, severityOf, type RowIssue } from "./import-codes.ts";
import type { SourceType } from "./model.ts";
import type { MentionInsert, QuarantineInsert, RecordInsert } from "./store.ts";
import type { RowOutcome } from "./validate-row.ts";

export type RowInserts =
  | { readonly kind: "stored"; readonly record: RecordInsert; readonly mentions: MentionInsert[]; readonly warned: boolean }
  | { readonly kind: "quarantined"; readonly quarantine: QuarantineInsert };

export function buildRowInserts(
  batchId: number,
  sourceType: SourceType,
  rowNumber: number,
  cells: readonly string[],
  outcome: Pick<RowOutcome, "record" | "persons" | "rejected">,
  issues: readonly RowIssue[],
): RowInserts {
  const { record } = outcome;
  if (outcome.rejected) {
    return {
      kind: "quarantined",
      quarantine: {
        batch_id: batchId,
        row_number: rowNumber,
        region_code: record.regionCode,
        division_code: record.divisionCode,
        raw: cells,
        codes: [...new Set(issues.map((issue) => issue.code))],
        messages: issues.map((issue) => describeRowIssue(issue, rowNumber, sourceType)),
        status: "open",
        resolved_at: null,
      },
    };
  }
  const warnings = [...new Set(issues.filter((issue) => severityOf(issue.code, sourceType) === "warning").map((issue) => issue.code))];
  const mentions = outcome.persons.map(
    (person): MentionInsert => ({
      region_code: record.regionCode,
      batch_id: batchId,
      row_number: rowNumber,
      role: person.role,
      source_type: sourceType,
      name_norm: person.nameNorm,
      name_pinyin: person.namePinyin,
      initials: person.initials,
      surname: person.surname,
      birth_date: person.birthDate,
      sex: person.sex,
      id_number: person.idNumber,
      id_valid: person.idValid,
      id_hmac: null,
      division_code: record.divisionCode,
      phone: person.phone,
      event_date: record.eventDate,
    }),
  );
  return {
    kind: "stored",
    warned: warnings.length > 0,
    mentions,
    record: {
      region_code: record.regionCode,
      batch_id: batchId,
      row_number: rowNumber,
      source_type: sourceType,
      source_id: record.sourceId,
      event_date: record.eventDate,
      division_code: record.divisionCode,
      address: record.address,
      attributes: record.attributes,
      raw: cells,
      warnings,
    },
  };
}
