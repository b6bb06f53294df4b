import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CsvRecordParser, detectDelimiter } from "./csv-record-parser.ts";
import { SourceFileError } from "./source-file-error.ts";

function parseAll(text: string, chunkSize = text.length || 1, maxRecordChars = 1_000_000): string[][] {
  const parser = new CsvRecordParser({ delimiter: ",", maxRecordChars });
  const records: string[][] = [];
  const emit = (cells: string[]) => records.push(cells);
  for (let i = 0; i < text.length; i += chunkSize) parser.push(text.slice(i, i + chunkSize), emit);
  parser.end(emit);
  return records;
}

describe("CsvRecordParser", () => {
  it.each([
    ["plain records with LF", "a,b\n1,2\n", [["a", "b"], ["1", "2"]]],
    ["CRLF line ends", "a,b\r\n1,2\r\n", [["a", "b"], ["1", "2"]]],
    ["lone CR line ends", "a,b\r1,2\r", [["a", "b"], ["1", "2"]]],
    ["a last record without a line break", "a,b\n1,2", [["a", "b"], ["1", "2"]]],
    ["quoted delimiters, quotes and line breaks", 'a,"x,""y""\nz"\n', [["a", 'x,"y"\nz']]],
    ["empty cells", ",,\n", [["", "", ""]]],
    ["a blank line as one empty cell", "a\n\nb\n", [["a"], [""], ["b"]]],
    ["a stray quote inside an unquoted cell, kept", 'a 5" b,c\n', [['a 5" b', "c"]]],
    ["text after a closing quote, kept", '"ab"cd,e\n', [["abcd", "e"]]],
  ])("parses %s", (_case, text, expected) => {
    expect(parseAll(text)).toEqual(expected);
  });

  it("gives the same records whatever the chunk boundaries", () => {
    const text = 'h1,h2,h3\r\n"a ""q"" b","line\r\nbreak",3\r\nx,,"y"\r\n';
    const whole = parseAll(text);
    for (let size = 1; size <= 7; size++) expect(parseAll(text, size)).toEqual(whole);
  });

  it("agrees with csv-parse on generated input", () => {
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const alphabet = ["a", "张", ",", '"', "\n", "\r\n", " ", "1"];
    for (let round = 0; round < 200; round++) {
      const rows: string[] = [];
      for (let r = 0; r < 1 + Math.floor(random() * 5); r++) {
        const cells: string[] = [];
        for (let c = 0; c < 1 + Math.floor(random() * 4); c++) {
          let cell = "";
          for (let k = 0; k < Math.floor(random() * 6); k++) cell += alphabet[Math.floor(random() * alphabet.length)];
          cells.push(/[",\r\n]/.test(cell) || random() < 0.2 ? `"${cell.replaceAll('"', '""')}"` : cell);
        }
        rows.push(cells.join(","));
      }
      const text = `${rows.join("\n")}\n`;
      const expected = parse(text, { relax_column_count: true, skip_empty_lines: false }) as string[][];
      expect(parseAll(text, 1 + Math.floor(random() * 10)), JSON.stringify(text)).toEqual(expected);
    }
  });

  it("reports a file that ends inside a quoted field as truncated", () => {
    expect(() => parseAll('a,"unfinished\n')).toThrow(expect.objectContaining({ code: "file_truncated" }));
  });

  it("fails a record longer than the limit without reading on", () => {
    const parser = new CsvRecordParser({ delimiter: ",", maxRecordChars: 1000 });
    const noop = () => undefined;
    let error: unknown;
    try {
      for (let i = 0; i < 100; i++) parser.push("x".repeat(100), noop);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SourceFileError);
    expect((error as SourceFileError).code).toBe("line_too_long");
  });
});

describe("detectDelimiter", () => {
  it.each([
    ["姓名,性别,出生日期", ","],
    ["姓名\t性别\t出生日期", "\t"],
    ["姓名;性别;出生日期", ";"],
    ["姓名|性别", "|"],
    ["姓名", ","],
  ])("finds the delimiter of %j", (line, expected) => {
    expect(detectDelimiter(line)).toBe(expected);
  });
});
