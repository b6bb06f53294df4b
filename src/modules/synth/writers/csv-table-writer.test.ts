import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CsvTableWriter } from "./csv-table-writer.ts";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "renkou-csv-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("CsvTableWriter", () => {
  it("quotes cells with commas, quotes or line breaks (RFC 4180)", async () => {
    const path = join(dir, "quoted.csv");
    const writer = new CsvTableWriter(path, ["a", "b"], "utf8");
    writer.write(["x,y", 'say "hi"']);
    writer.write(["张,伟", '"']);
    writer.write(["line\nbreak", "plain"]);
    expect(await writer.close()).toBe(3);
    expect(await readFile(path, "utf8")).toBe('a,b\n"x,y","say ""hi"""\n"张,伟",""""\n"line\nbreak",plain\n');
  });

  it.each([
    ["none", "a,b\n张伟,1\n"],
    ["all", '"a","b"\n"张伟","1"\n'],
  ] as const)("quotes %s of the fields when asked to", async (quoting, expected) => {
    const path = join(dir, `${quoting}.csv`);
    const writer = new CsvTableWriter(path, ["a", "b"], "utf8", "\n", quoting);
    writer.write(["张伟", "1"]);
    await writer.close();
    expect(await readFile(path, "utf8")).toBe(expected);
  });

  it("encodes UTF-8 as Buffer.from does, astral characters and lone surrogates included", async () => {
    const path = join(dir, "utf8.csv");
    const cells = ["张伟", "𠀀𪚥", "é\u00b7·", "lone\ud800", "ok"];
    const writer = new CsvTableWriter(path, ["x"], "utf8");
    writer.write(cells);
    await writer.close();
    expect((await readFile(path)).equals(Buffer.from(`x\n${cells.join(",")}\n`, "utf8"))).toBe(true);
  });

  it("writes a byte-order mark for utf8-bom", async () => {
    const path = join(dir, "bom.csv");
    const writer = new CsvTableWriter(path, ["姓名"], "utf8-bom");
    writer.write(["张伟"]);
    await writer.close();
    expect([...(await readFile(path)).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("writes GB18030 with CRLF line endings", async () => {
    const path = join(dir, "gb.csv");
    const writer = new CsvTableWriter(path, ["姓名", "性别"], "gb18030", "\r\n");
    writer.write(["张伟", "男"]);
    await writer.close();
    const bytes = await readFile(path);
    expect(iconv.decode(bytes, "gb18030")).toBe("姓名,性别\r\n张伟,男\r\n");
    expect(bytes.includes(Buffer.from("张伟", "utf8"))).toBe(false);
  });
});
