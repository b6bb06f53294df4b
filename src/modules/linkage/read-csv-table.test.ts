import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { readCsvTable } from "./read-csv-table.ts";

describe("readCsvTable", () => {
  it("trims headers and values, as FEBRL writes a space after each comma", () => {
    const table = readCsvTable(Buffer.from("rec_id, given_name\nrec-1-org, michaela\n"));
    expect(table.ok && table.value).toMatchObject({ header: ["rec_id", "given_name"], rows: [["rec-1-org", "michaela"]] });
  });

  it("reads UTF-8 with a byte-order mark", () => {
    const table = readCsvTable(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("编号,姓名\n1,张伟\n")]));
    expect(table.ok && table.value.header).toEqual(["编号", "姓名"]);
  });

  it("falls back to GB18030", () => {
    const table = readCsvTable(iconv.encode("编号,姓名\n1,张伟\n", "gb18030"));
    expect(table.ok && table.value).toMatchObject({ encoding: "gb18030", rows: [["1", "张伟"]] });
  });

  it("reads quoted values with commas, doubled quotes and line breaks, skips blank lines, accepts CRLF", () => {
    const table = readCsvTable(Buffer.from('id,地址,备注\r\n1,"滕州市, 级索镇","他说""好""\r\n第二行"\r\n\r\n2,北关村,\r\n'));
    expect(table.ok && table.value.rows).toEqual([
      ["1", "滕州市, 级索镇", '他说"好"\r\n第二行'],
      ["2", "北关村", ""],
    ]);
  });

  it("reports a file that ends inside a quoted value", () => {
    const table = readCsvTable(Buffer.from('id,name\n1,"unterminated\n'));
    expect(!table.ok && table.reason).toBe("csv_syntax");
  });

  it.each(["", "  \n\n"])("reports an empty file", (text) => {
    const table = readCsvTable(Buffer.from(text));
    expect(!table.ok && table.reason).toBe("empty_file");
  });
});
