/**
 * Streams the records of a CSV file: bytes → text (UTF-8 or GB18030, strict: an invalid byte fails the
 * file instead of turning into U+FFFD) → records. Never holds more than one chunk and one record in memory.
 * The first record yielded is the header; blank records are skipped but still counted in row numbers, so
 * row numbers match the line numbers a spreadsheet program shows.
 */
import { createReadStream } from "node:fs";
import { CsvRecordParser, detectDelimiter } from "./csv-record-parser.ts";
import type { ImportLimits } from "./import-limits.ts";
import type { SourceRow, TextEncoding } from "../model.ts";
import { decoderLabel } from "./sniff-file.ts";
import { SourceFileError } from "./source-file-error.ts";

export interface CsvReadOptions {
  readonly encoding: TextEncoding;
  readonly limits: Pick<ImportLimits, "maxRows" | "maxRecordChars">;
  /** Called after each chunk with the bytes read so far. */
  readonly onBytes?: ((bytesRead: number) => void) | undefined;
}

const CHUNK_BYTES = 256 * 1024;

export async function* readCsvRows(path: string, options: CsvReadOptions): AsyncGenerator<SourceRow> {
  const decoder = new TextDecoder(decoderLabel(options.encoding), { fatal: true });
  let parser: CsvRecordParser | undefined;
  let recordNumber = 0;
  let headerLength: number | undefined;
  let dataRows = 0;
  let bytesRead = 0;
  const pending: SourceRow[] = [];
  const collect = (cells: string[]) => {
    recordNumber++;
    if (isBlank(cells)) return;
    if (headerLength === undefined) headerLength = cells.length;
    else if (++dataRows > options.limits.maxRows) throw new SourceFileError("too_many_rows", `more than ${options.limits.maxRows} rows`);
    pending.push({ rowNumber: recordNumber, cells });
  };

  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw new SourceFileError("encoding_invalid", `invalid ${options.encoding} bytes near byte ${bytesRead + chunk.length}`);
      }
      bytesRead += chunk.length;
      parser ??= new CsvRecordParser({ delimiter: detectDelimiter(firstLine(text)), maxRecordChars: options.limits.maxRecordChars });
      parser.push(text, collect);
      options.onBytes?.(bytesRead);
      yield* pending;
      pending.length = 0;
    }
    let tail: string;
    try {
      tail = decoder.decode();
    } catch {
      throw new SourceFileError("file_truncated", "the file ends inside a multi-byte character");
    }
    parser ??= new CsvRecordParser({ delimiter: detectDelimiter(firstLine(tail)), maxRecordChars: options.limits.maxRecordChars });
    if (tail !== "") parser.push(tail, collect);
    const recordsBeforeEnd = recordNumber;
    parser.end(collect);
    // end() emits at most one record: the last one, which had no line break after it.
    const last = pending.at(-1);
    const unterminated = recordNumber > recordsBeforeEnd && last?.rowNumber === recordNumber;
    if (unterminated && headerLength !== undefined && last.cells.length < headerLength && dataRows > 0) {
      throw new SourceFileError("file_truncated", `the last row (${last.rowNumber}) has ${last.cells.length} of ${headerLength} cells and no line break`);
    }
    yield* pending;
  } finally {
    stream.destroy();
  }
}

function isBlank(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell.trim() !== "") return false;
  return true;
}

function firstLine(text: string): string {
  const end = text.search(/[\r\n]/);
  return end === -1 ? text : text.slice(0, end);
}
