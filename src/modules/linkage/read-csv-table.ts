import iconv from "iconv-lite";
import { fail, ok, type Result } from "../../kernel/result.ts";
import { CsvRecordParser } from "../registry/source-files/csv-record-parser.ts";
import { SourceFileError } from "../registry/source-files/source-file-error.ts";

/**
 * A CSV file as the linkage CLI reads it (DESIGN.md §9): UTF-8 with or without BOM, else GB18030 (a superset
 * of GBK and GB2312). Headers and values are trimmed, because extracts (and FEBRL) put a space after each
 * comma; blank lines are skipped. Parsed by the import's CSV parser (lenient RFC 4180, several times faster
 * than csv-parse on a million rows). Pure: takes the file's bytes.
 */
export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly encoding: "utf-8" | "gb18030";
}

export type CsvReason = "empty_file" | "csv_syntax";

export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvTable["encoding"] } {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(body), encoding: "utf-8" };
  } catch {
    return { text: iconv.decode(Buffer.from(body), "gb18030"), encoding: "gb18030" };
  }
}

export function readCsvTable(bytes: Uint8Array): Result<CsvTable, CsvReason> {
  const { text, encoding } = decodeCsvBytes(bytes);
  if (text.trim() === "") return fail("empty_file");
  const records: string[][] = [];
  const keep = (cells: string[]) => {
    for (let i = 0; i < cells.length; i++) cells[i] = cells[i]!.trim();
    if (cells.length > 1 || cells[0] !== "") records.push(cells);
  };
  try {
    const parser = new CsvRecordParser({ delimiter: ",", maxRecordChars: Number.MAX_SAFE_INTEGER });
    parser.push(text, keep);
    parser.end(keep);
  } catch (error) {
    if (error instanceof SourceFileError) return fail("csv_syntax", error.detail ?? error.code);
    throw error;
  }
  const header = records.shift();
  if (header === undefined || header.every((h) => h === "")) return fail("empty_file");
  return ok({ header, rows: records, encoding });
}
