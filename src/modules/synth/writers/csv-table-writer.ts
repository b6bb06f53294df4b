import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { encodeGb18030 } from "./gb18030-encoder.ts";
import type { TableSink } from "./table-sink.ts";

/** UTF-8 without or with byte-order mark, or GB18030 (the superset of GBK that Chinese Windows exports use). */
export type CsvEncoding = "utf8" | "utf8-bom" | "gb18030";

/**
 * `minimal`: RFC 4180 — quote a cell only if it holds a comma, quote or line break (checked per cell).
 * `none` / `all`: never / always quote, without checking; the caller guarantees that no cell holds a comma,
 * quote or line break. That is true of everything the generator writes (codes, numbers, dates, generated
 * names and addresses, and the mistakes made to them), and skipping the check makes million-row files a
 * third faster. The tests parse every file back with a strict parser.
 */
export type CsvQuoting = "minimal" | "none" | "all";

const NEEDS_QUOTES = /[",\r\n]/;
/** Characters gathered before a chunk is encoded and written. */
const CHUNK_CHARACTERS = 1 << 18;
/** Bytes the file stream may buffer before it asks the writer to wait: enough to overlap disk and CPU. */
const HIGH_WATER_MARK = 1 << 23;

/**
 * Streams a CSV file (RFC 4180 quoting) in the given encoding and line ending. Rows are joined into a string
 * chunk of about 256k characters, encoded once per chunk, and written with backpressure. (Encoding cell by
 * cell into a byte buffer was measured and is slower: V8 flattens and encodes whole strings natively.)
 */
export class CsvTableWriter implements TableSink {
  private readonly stream: WriteStream;
  private chunk = "";
  private rows = 0;
  private blocked = false;

  constructor(
    path: string,
    headers: readonly string[],
    private readonly encoding: CsvEncoding,
    private readonly lineEnding: "\n" | "\r\n" = "\n",
    private readonly quoting: CsvQuoting = "minimal",
  ) {
    this.stream = createWriteStream(path, { highWaterMark: HIGH_WATER_MARK });
    this.stream.on("drain", () => {
      this.blocked = false;
    });
    if (encoding === "utf8-bom") this.chunk = "\uFEFF";
    // No headers: a headerless part to be joined to others.
    if (headers.length > 0) this.chunk += this.format(headers);
  }

  write(cells: readonly string[]): boolean {
    this.chunk += this.format(cells);
    this.rows++;
    if (this.chunk.length >= CHUNK_CHARACTERS) this.flush();
    return this.blocked;
  }

  async drain(): Promise<void> {
    if (this.blocked) await once(this.stream, "drain");
  }

  async close(): Promise<number> {
    this.flush();
    this.stream.end();
    await once(this.stream, "finish");
    return this.rows;
  }

  private format(cells: readonly string[]): string {
    if (this.quoting === "none") return cells.join(",") + this.lineEnding;
    if (this.quoting === "all") return `"${cells.join('","')}"${this.lineEnding}`;
    let line = "";
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      if (i > 0) line += ",";
      line += NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
    }
    return line + this.lineEnding;
  }

  private flush(): void {
    if (this.chunk.length === 0) return;
    const bytes = this.encoding === "gb18030" ? encodeGb18030(this.chunk) : Buffer.from(this.chunk, "utf8");
    this.chunk = "";
    if (!this.stream.write(bytes)) this.blocked = true;
  }
}
