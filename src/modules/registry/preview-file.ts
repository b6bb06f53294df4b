/**
 * What an import of a file would do, without importing it: its format and encoding, its headers, how each
 * header maps, its first rows (masked), and what validation would say of each of them under that mapping.
 * The console's mapping editor starts from this. (Duplicate rows are found only by the import, which sees
 * the whole file.)
 */
import { open } from "node:fs/promises";
import { z } from "zod";
import { fail, ok, type Result } from "../../kernel/result.ts";
import { mappingOf, proposeMapping, uniqueHeaders } from "./header-dictionary.ts";
import { describeRowIssue, FILE_PROBLEMS } from "./import-codes.ts";
import type { KnownDivisions } from "./known-divisions.ts";
import type { ImportLimits } from "./source-files/import-limits.ts";
import { FileFormat, IssueMessage, MappingProposal, TextEncoding, type FileFailure, type SourceType } from "./model.ts";
import { readCsvRows } from "./source-files/read-csv-rows.ts";
import { readXlsxRows } from "./source-files/read-xlsx-rows.ts";
import { rawRecordOf } from "./service.ts";
import { SNIFF_BYTES, sniffFile } from "./source-files/sniff-file.ts";
import { SourceFileError } from "./source-files/source-file-error.ts";
import { createRowValidator, planRows } from "./validate-row.ts";
import { todayWhereTheServerRuns } from "../../kernel/dates.ts";

export const FilePreview = z.object({
  format: FileFormat,
  encoding: TextEncoding.nullable(),
  headers: z.array(z.string()),
  /** The first rows, header → cell, personal fields masked unless revealed. */
  rows: z.array(z.record(z.string(), z.string())),
  /** Per row above (same order): its row number, whether the import would quarantine it, and why (values masked). */
  findings: z.array(z.object({ row: z.number().int(), rejected: z.boolean(), messages: z.array(IssueMessage) })),
  proposal: MappingProposal,
});
export type FilePreview = z.infer<typeof FilePreview>;

export interface PreviewRequest {
  readonly sourceType: SourceType;
  readonly encoding?: TextEncoding | undefined;
  readonly sheet?: string | undefined;
  readonly overrides?: readonly string[] | undefined;
  readonly rows?: number | undefined;
  readonly reveal?: boolean | undefined;
}

export async function previewFile(
  path: string,
  request: PreviewRequest,
  limits: ImportLimits,
  divisions: KnownDivisions,
): Promise<Result<FilePreview, FileFailure["code"]> & { failure?: FileFailure }> {
  const file = await open(path, "r");
  let sample: Uint8Array;
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    sample = buffer.subarray(0, (await file.read(buffer, 0, SNIFF_BYTES, 0)).bytesRead);
  } finally {
    await file.close();
  }
  const sniffed = sniffFile(sample, request.encoding);
  if (!sniffed.ok) return failed(sniffed.reason, sniffed.detail);
  const rows =
    sniffed.value.format === "xlsx"
      ? readXlsxRows(path, { sheet: request.sheet, limits })
      : readCsvRows(path, { encoding: sniffed.value.encoding, limits });
  try {
    const header = await rows.next();
    if (header.done) return failed("file_empty", "no header row");
    const headers = uniqueHeaders(header.value.cells);
    const proposal = proposeMapping(headers, request.sourceType, request.overrides);
    const batchShape = { headers, mapping: mappingOf(proposal) };
    const sampled: Array<{ rowNumber: number; cells: string[] }> = [];
    for await (const row of rows) {
      sampled.push(row);
      if (sampled.length >= (request.rows ?? 10)) break;
    }
    const divisionColumn = batchShape.mapping.indexOf("division_code");
    if (divisionColumn !== -1) await divisions.load(sampled.map((row) => row.cells[divisionColumn] ?? ""));
    const validate = createRowValidator(planRows(headers, batchShape.mapping, request.sourceType, sniffed.value.format === "xlsx"), {
      asOf: todayWhereTheServerRuns(),
      isKnownDivision: divisions.isKnown,
    });
    const findings = sampled.map((row) => {
      const outcome = validate(row.cells);
      const messages = outcome.issues.map((issue) => describeRowIssue(issue, row.rowNumber, request.sourceType));
      return { row: row.rowNumber, rejected: outcome.rejected, messages };
    });
    const firstRows = sampled.map((row) => rawRecordOf(batchShape, row.cells, request.reveal ?? false));
    return ok({
      format: sniffed.value.format,
      encoding: sniffed.value.format === "csv" ? sniffed.value.encoding : null,
      headers,
      rows: firstRows,
      findings,
      proposal,
    });
  } catch (error) {
    if (error instanceof SourceFileError) return failed(error.code, error.detail);
    throw error;
  } finally {
    await rows.return(undefined);
  }
}

function failed(code: keyof typeof FILE_PROBLEMS, detail: string | undefined) {
  const failure: FileFailure = detail === undefined ? { code, message: FILE_PROBLEMS[code] } : { code, message: FILE_PROBLEMS[code], detail };
  return { ...fail(code, detail), failure };
}
