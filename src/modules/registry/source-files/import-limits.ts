/**
 * Limits that keep a bad or hostile file from exhausting memory, disk or time. Each can be set by an
 * environment variable (documented in README.md); the defaults allow a 5-million-row extract.
 */
import { z } from "zod";

const MiB = 1024 * 1024;

export const ImportLimits = z.object({
  /** Largest file (upload or CLI), in bytes. */
  maxFileBytes: z.coerce.number().int().positive().default(2048 * MiB),
  /** Most data rows in one file. */
  maxRows: z.coerce.number().int().positive().default(5_000_000),
  /** Longest single record, in characters: a 200 MB "line" fails after this much, not after 200 MB. */
  maxRecordChars: z.coerce.number().int().positive().default(256 * 1024),
  /** XLSX: most bytes all entries of the workbook may expand to. */
  maxXlsxUncompressedBytes: z.coerce.number().int().positive().default(4096 * MiB),
  /** XLSX: highest compression ratio of an entry larger than 1 MiB (ordinary sheets stay far below 100). */
  maxXlsxCompressionRatio: z.coerce.number().positive().default(200),
  /** XLSX: most entries in the archive. */
  maxXlsxEntries: z.coerce.number().int().positive().default(10_000),
});
export type ImportLimits = z.infer<typeof ImportLimits>;

export const IMPORT_LIMIT_VARIABLES = {
  RENKOU_IMPORT_MAX_BYTES: "largest file to import, in bytes (default 2 GiB)",
  RENKOU_IMPORT_MAX_ROWS: "most data rows in one file (default 5,000,000)",
  RENKOU_IMPORT_MAX_RECORD_CHARS: "longest single record, in characters (default 262,144)",
  RENKOU_IMPORT_MAX_XLSX_UNCOMPRESSED_BYTES: "most bytes an XLSX workbook may expand to (default 4 GiB)",
  RENKOU_IMPORT_MAX_XLSX_RATIO: "highest compression ratio of an XLSX entry over 1 MiB (default 200)",
} as const;

/** Reads the limits from the environment; a malformed value is a configuration error (thrown at start-up). */
export function loadImportLimits(env: NodeJS.ProcessEnv): ImportLimits {
  return ImportLimits.parse({
    maxFileBytes: env.RENKOU_IMPORT_MAX_BYTES || undefined,
    maxRows: env.RENKOU_IMPORT_MAX_ROWS || undefined,
    maxRecordChars: env.RENKOU_IMPORT_MAX_RECORD_CHARS || undefined,
    maxXlsxUncompressedBytes: env.RENKOU_IMPORT_MAX_XLSX_UNCOMPRESSED_BYTES || undefined,
    maxXlsxCompressionRatio: env.RENKOU_IMPORT_MAX_XLSX_RATIO || undefined,
  });
}
