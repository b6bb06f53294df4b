import { describe, expect, it } from "vitest";
import { sniffFile } from "./sniff-file.ts";

const utf8 = (text: string) => new TextEncoder().encode(text);
/** 张三 in GBK. */
const GBK_NAME = [0xd5, 0xc5, 0xc8, 0xfd];

describe("sniffFile", () => {
  it.each([
    ["a UTF-8 table", utf8("姓名,性别\n张三,男\n"), { format: "csv", encoding: "utf-8" }],
    ["plain ASCII", utf8("name,sex\n"), { format: "csv", encoding: "utf-8" }],
    ["a UTF-8 table with a byte-order mark", new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("姓名\n")]), { format: "csv", encoding: "utf-8-bom" }],
    ["a GBK table", new Uint8Array([...GBK_NAME, 0x0a]), { format: "csv", encoding: "gb18030" }],
    ["a ZIP archive (XLSX)", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]), { format: "xlsx" }],
  ])("recognises %s", (_case, sample, expected) => {
    expect(sniffFile(sample)).toEqual({ ok: true, value: expected });
  });

  it("lets the user override the detected encoding", () => {
    expect(sniffFile(utf8("姓名\n"), "gb18030")).toEqual({ ok: true, value: { format: "csv", encoding: "gb18030" } });
  });

  it("does not count a multi-byte character cut off at the end of the sample as invalid", () => {
    expect(sniffFile(utf8("姓名,张").slice(0, -1))).toMatchObject({ ok: true, value: { encoding: "utf-8" } });
  });

  it.each([
    ["an empty file", new Uint8Array(), "file_empty"],
    ["a file with NUL bytes", new Uint8Array([0x41, 0x00, 0x42]), "file_binary"],
    ["a legacy .xls file", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 1]), "format_unsupported"],
    ["UTF-16", new Uint8Array([0xff, 0xfe, 0x41, 0x00]), "encoding_unsupported"],
    ["bytes valid in neither encoding", new Uint8Array([0x41, 0xff, 0xff, 0x41, 0x0a]), "encoding_invalid"],
  ])("rejects %s", (_case, sample, reason) => {
    expect(sniffFile(sample)).toMatchObject({ ok: false, reason });
  });
});
