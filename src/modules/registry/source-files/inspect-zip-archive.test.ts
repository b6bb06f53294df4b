import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { ImportLimits } from "./import-limits.ts";
import { inspectZipArchive } from "./inspect-zip-archive.ts";

const dir = mkdtempSync(join(tmpdir(), "renkou-zip-test-"));
const LIMITS = ImportLimits.parse({});
let counter = 0;
const save = (bytes: Uint8Array) => {
  const path = join(dir, `z${++counter}.zip`);
  writeFileSync(path, bytes);
  return path;
};

interface Entry {
  readonly name: string;
  readonly data: Buffer;
  /** The size the archive claims; the real one by default. */
  readonly declaredSize?: number;
}

/** A minimal ZIP archive of deflated entries; `hidden` entries get local headers but no directory record. */
function zip(entries: readonly Entry[], hidden: readonly Entry[] = []): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const add = (entry: Entry, listed: boolean) => {
    const name = Buffer.from(entry.name);
    const data = deflateRawSync(entry.data);
    const size = entry.declaredSize ?? entry.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);
    if (listed) {
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(8, 10);
      central.writeUInt32LE(data.length, 20);
      central.writeUInt32LE(size, 24);
      central.writeUInt16LE(name.length, 28);
      central.writeUInt32LE(offset, 42);
      centrals.push(central, name);
    }
    offset += 30 + name.length + data.length;
  };
  for (const entry of hidden) add(entry, false);
  for (const entry of entries) add(entry, true);
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe("inspectZipArchive", () => {
  it("accepts an ordinary workbook", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("户籍").addRows([["姓名"], ["张伟"]]);
    const path = join(dir, "ok.xlsx");
    await workbook.xlsx.writeFile(path);
    const result = await inspectZipArchive(path, LIMITS);
    expect(result.ok).toBe(true);
  });

  it("accepts a hand-made archive whose sizes are honest", async () => {
    expect((await inspectZipArchive(save(zip([{ name: "a.xml", data: Buffer.from("<a/>") }])), LIMITS)).ok).toBe(true);
  });

  it.each([
    ["an entry with a compression ratio over the limit", [{ name: "s.xml", data: Buffer.alloc(20 * 1024 * 1024) }], [], "xlsx_zip_bomb"],
    ["an entry that expands beyond its declared size", [{ name: "s.xml", data: Buffer.alloc(512 * 1024), declaredSize: 100 }], [], "xlsx_zip_bomb"],
    ["an entry the directory does not list", [{ name: "a.xml", data: Buffer.from("<a/>") }], [{ name: "x.xml", data: Buffer.from("<x/>") }], "xlsx_invalid"],
  ])("rejects %s", async (_case, entries, hidden, reason) => {
    expect(await inspectZipArchive(save(zip(entries, hidden)), LIMITS)).toMatchObject({ ok: false, reason });
  });

  it("rejects an archive whose total expansion exceeds the limit", async () => {
    const archive = zip([{ name: "a.xml", data: Buffer.alloc(1000) }, { name: "b.xml", data: Buffer.alloc(1000) }]);
    expect(await inspectZipArchive(save(archive), { ...LIMITS, maxXlsxUncompressedBytes: 1500 })).toMatchObject({ ok: false, reason: "xlsx_zip_bomb" });
  });

  it("calls an archive that lost its end truncated", async () => {
    const archive = readFileSync(save(zip([{ name: "a.xml", data: Buffer.from("<a/>".repeat(100)) }])));
    expect(await inspectZipArchive(save(archive.subarray(0, archive.length - 30)), LIMITS)).toMatchObject({ ok: false, reason: "file_truncated" });
  });
});
