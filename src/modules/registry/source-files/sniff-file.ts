/**
 * What kind of file an upload is, from its first bytes: an XLSX workbook (a ZIP archive) or a text table,
 * and then which text encoding: a UTF-8 byte-order mark, valid UTF-8, otherwise GB18030 (the superset of
 * GBK and GB2312 that Chinese Windows programs write). The user may override the encoding.
 */
import { fail, ok, type Result } from "../../../kernel/result.ts";
import type { FileProblemCode } from "../import-codes.ts";
import type { TextEncoding } from "../model.ts";

export type SniffedFile = { readonly format: "xlsx" } | { readonly format: "csv"; readonly encoding: TextEncoding };

/** How much of the file's start to look at. */
export const SNIFF_BYTES = 64 * 1024;

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
/** OLE2 compound document: legacy .xls (and .doc). */
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

/**
 * Control characters other than tab, line feed, carriage return, form feed and escape do not occur in
 * text tables; a NUL byte or more than 1% of such bytes means a binary file.
 */
function looksBinary(sample: Uint8Array): boolean {
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) control++;
  }
  return control > sample.length / 100;
}

/** Decodes `sample` as the start of a longer text: an incomplete sequence at its end is not an error. */
function decodesAs(encoding: "utf-8" | "gb18030", sample: Uint8Array): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** `sample` is the file's first SNIFF_BYTES bytes (or all of it). */
export function sniffFile(sample: Uint8Array, requested?: TextEncoding): Result<SniffedFile, FileProblemCode> {
  if (sample.length === 0) return fail("file_empty");
  if (startsWith(sample, ZIP_LOCAL_HEADER)) return ok({ format: "xlsx" });
  if (startsWith(sample, EMPTY_ZIP)) return fail("xlsx_invalid", "an empty ZIP archive");
  if (startsWith(sample, OLE2)) return fail("format_unsupported", "a legacy Office (.xls) file");
  if (startsWith(sample, [0xff, 0xfe]) || startsWith(sample, [0xfe, 0xff])) return fail("encoding_unsupported", "UTF-16");
  if (looksBinary(sample)) return fail("file_binary");
  if (requested !== undefined) return ok({ format: "csv", encoding: requested });
  if (startsWith(sample, UTF8_BOM)) return ok({ format: "csv", encoding: "utf-8-bom" });
  if (decodesAs("utf-8", sample)) return ok({ format: "csv", encoding: "utf-8" });
  if (decodesAs("gb18030", sample)) return ok({ format: "csv", encoding: "gb18030" });
  return fail("encoding_invalid", "neither UTF-8 nor GB18030");
}

/** The WHATWG decoder label for an encoding; a UTF-8 decoder drops a leading byte-order mark by itself. */
export function decoderLabel(encoding: TextEncoding): "utf-8" | "gb18030" {
  return encoding === "gb18030" ? "gb18030" : "utf-8";
}
