/**
 * Zip-bomb protection for XLSX workbooks, before any XML is parsed. An XLSX file is a ZIP archive
 * (APPNOTE.TXT, PKWARE ZIP File Format Specification 6.3); a hostile one declares small sizes and expands
 * to gigabytes, hides entries that the central directory does not list (a streaming reader such as the one
 * inside exceljs reads local headers in file order, not the directory), or nests entries.
 *
 * The check: (1) the central directory's declared sizes, entry count and per-entry compression ratio are
 * within limits; (2) the local entries tile the file exactly, in order, up to the central directory, so no
 * byte is read that the directory did not declare; (3) every entry is inflated once, counting output bytes,
 * and stops the moment it exceeds its declared size. Only then does exceljs see the file.
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { createInflateRaw } from "node:zlib";
import { fail, ok, type Result } from "../../../kernel/result.ts";
import type { ImportLimits } from "./import-limits.ts";

export type ZipProblem = "xlsx_invalid" | "xlsx_zip_bomb" | "file_truncated";

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
}

type ZipLimits = Pick<ImportLimits, "maxXlsxUncompressedBytes" | "maxXlsxCompressionRatio" | "maxXlsxEntries">;

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const DESCRIPTOR_SIGNATURE = 0x08074b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const STORED = 0;
const DEFLATED = 8;
const ENCRYPTED_FLAG = 0x1;
const DESCRIPTOR_FLAG = 0x8;
/** Ratios are only judged for entries this large: tiny XML parts legitimately compress very well. */
const RATIO_FLOOR_BYTES = 1024 * 1024;

export async function inspectZipArchive(path: string, limits: ZipLimits): Promise<Result<ZipEntry[], ZipProblem>> {
  const file = await open(path, "r");
  let entries: ZipEntry[];
  try {
    const { size } = await file.stat();
    const directory = await readCentralDirectory(file, size, limits);
    if (!directory.ok) return directory;
    const layout = await checkLayout(file, directory.value.entries, directory.value.offset);
    if (!layout.ok) return layout;
    entries = directory.value.entries;
  } finally {
    await file.close();
  }
  return verifyExpansion(path, entries);
}

type FileHandle = Awaited<ReturnType<typeof open>>;

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

async function readCentralDirectory(
  file: FileHandle,
  size: number,
  limits: ZipLimits,
): Promise<Result<{ entries: ZipEntry[]; offset: number }, ZipProblem>> {
  if (size < EOCD_SIZE) return fail("file_truncated", "too short to be a ZIP archive");
  const tailLength = Math.min(size, EOCD_SIZE + MAX_COMMENT);
  const tail = await readAt(file, size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  // A workbook cut off in transfer loses its end first, and the central directory with it.
  if (eocd === -1) return fail("file_truncated", "the ZIP central directory is missing");
  const entryCount = tail.readUInt16LE(eocd + 10);
  const directorySize = tail.readUInt32LE(eocd + 12);
  const directoryOffset = tail.readUInt32LE(eocd + 16);
  if (entryCount === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    return fail("xlsx_zip_bomb", "ZIP64 archives (over 4 GiB or 65,535 entries) are not accepted");
  }
  if (tail.readUInt16LE(eocd + 4) !== 0 || tail.readUInt16LE(eocd + 8) !== entryCount) {
    return fail("xlsx_invalid", "multi-volume ZIP archive");
  }
  if (entryCount > limits.maxXlsxEntries) return fail("xlsx_zip_bomb", `${entryCount} entries`);
  const eocdPosition = size - tailLength + eocd;
  if (directoryOffset + directorySize !== eocdPosition) return fail("file_truncated", "the ZIP central directory is not where it says");

  const directory = await readAt(file, directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  let total = 0;
  let at = 0;
  for (let n = 0; n < entryCount; n++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_SIGNATURE) {
      return fail("xlsx_invalid", "damaged ZIP central directory");
    }
    const nameLength = directory.readUInt16LE(at + 28);
    const entry: ZipEntry = {
      flags: directory.readUInt16LE(at + 8),
      method: directory.readUInt16LE(at + 10),
      compressedSize: directory.readUInt32LE(at + 20),
      uncompressedSize: directory.readUInt32LE(at + 24),
      localHeaderOffset: directory.readUInt32LE(at + 42),
      name: directory.toString("utf8", at + 46, at + 46 + nameLength),
    };
    at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    if (entry.flags & ENCRYPTED_FLAG) return fail("xlsx_invalid", "encrypted (password-protected) workbook");
    if (entry.method !== STORED && entry.method !== DEFLATED) return fail("xlsx_invalid", `compression method ${entry.method}`);
    if (entry.method === STORED && entry.compressedSize !== entry.uncompressedSize) return fail("xlsx_invalid", "stored entry with two sizes");
    total += entry.uncompressedSize;
    if (total > limits.maxXlsxUncompressedBytes) {
      return fail("xlsx_zip_bomb", `expands to more than ${limits.maxXlsxUncompressedBytes} bytes`);
    }
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
    if (entry.uncompressedSize > RATIO_FLOOR_BYTES && ratio > limits.maxXlsxCompressionRatio) {
      return fail("xlsx_zip_bomb", `entry ${entry.name} has compression ratio ${Math.round(ratio)}`);
    }
    entries.push(entry);
  }
  return ok({ entries, offset: directoryOffset });
}

/** The local entries, in file order, must cover every byte from 0 to the central directory. */
async function checkLayout(file: FileHandle, entries: readonly ZipEntry[], directoryOffset: number): Promise<Result<true, ZipProblem>> {
  const ordered = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  let expected = 0;
  for (const entry of ordered) {
    if (entry.localHeaderOffset !== expected) return fail("xlsx_invalid", "ZIP data outside the listed entries");
    const header = await readAt(file, entry.localHeaderOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_SIGNATURE) return fail("xlsx_invalid", "damaged ZIP entry header");
    const nameLength = header.readUInt16LE(26);
    const extraLength = header.readUInt16LE(28);
    const name = (await readAt(file, entry.localHeaderOffset + 30, nameLength)).toString("utf8");
    if (name !== entry.name) return fail("xlsx_invalid", "ZIP entry names disagree");
    const hasDescriptor = (header.readUInt16LE(6) & DESCRIPTOR_FLAG) !== 0;
    if (!hasDescriptor && (header.readUInt32LE(18) !== entry.compressedSize || header.readUInt32LE(22) !== entry.uncompressedSize)) {
      return fail("xlsx_invalid", "ZIP entry sizes disagree");
    }
    let end = entry.localHeaderOffset + 30 + nameLength + extraLength + entry.compressedSize;
    if (hasDescriptor) {
      const descriptor = await readAt(file, end, 4);
      end += descriptor.length === 4 && descriptor.readUInt32LE(0) === DESCRIPTOR_SIGNATURE ? 16 : 12;
    }
    expected = end;
  }
  if (expected !== directoryOffset) return fail("xlsx_invalid", "ZIP data outside the listed entries");
  return ok(true);
}

/** Inflates every entry once, counting bytes, and stops at the first that expands beyond its declared size. */
async function verifyExpansion(path: string, entries: readonly ZipEntry[]): Promise<Result<ZipEntry[], ZipProblem>> {
  const file = await open(path, "r");
  try {
    for (const entry of entries) {
      if (entry.method !== DEFLATED || entry.compressedSize === 0) continue;
      const header = await readAt(file, entry.localHeaderOffset, 30);
      const dataStart = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
      const expanded = await countInflatedBytes(path, dataStart, entry.compressedSize, entry.uncompressedSize);
      if (expanded === "damaged") return fail("xlsx_invalid", `entry ${entry.name} cannot be decompressed`);
      if (expanded === "too_large") return fail("xlsx_zip_bomb", `entry ${entry.name} expands beyond its declared size`);
    }
  } finally {
    await file.close();
  }
  return ok([...entries]);
}

function countInflatedBytes(path: string, start: number, length: number, declared: number): Promise<number | "damaged" | "too_large"> {
  return new Promise((resolve) => {
    const input = createReadStream(path, { start, end: start + length - 1 });
    const inflate = createInflateRaw();
    let produced = 0;
    let settled = false;
    const settle = (value: number | "damaged" | "too_large") => {
      if (settled) return;
      settled = true;
      input.destroy();
      inflate.destroy();
      resolve(value);
    };
    inflate.on("data", (chunk: Buffer) => {
      produced += chunk.length;
      if (produced > declared) settle("too_large");
    });
    inflate.on("end", () => settle(produced));
    inflate.on("error", () => settle("damaged"));
    input.on("error", () => settle("damaged"));
    input.pipe(inflate);
  });
}
