import type { ColumnType, Generated } from "kysely";
import { z } from "zod";

/**
 * Departmental data import (数据导入): the shapes that cross the module's boundary — source types, the
 * standard fields a column can map to, batches, quarantined rows, import summaries and job progress — and
 * Kysely's view of the module's tables (migration 0010).
 */

/** 户籍, 婚姻登记, 住院分娩, 出生医学证明, 新生儿入户, 死亡登记, and a generic person list. */
export const SOURCE_TYPES = ["hukou", "marriage", "delivery", "birth_cert", "newborn_reg", "death", "persons"] as const;

/** What a hospital submits about its own patients: its delivery reports and birth certificates. */
export const FACILITY_REPORT_SOURCES = ["delivery", "birth_cert"] as const satisfies readonly (typeof SOURCE_TYPES)[number][];
export const SourceType = z.enum(SOURCE_TYPES);
export type SourceType = z.infer<typeof SourceType>;

/** Sources that register an event; their rules tolerate bad ID numbers (linkage copes), unlike `hukou`. */
export const EVENT_SOURCE_TYPES: ReadonlySet<SourceType> = new Set(["marriage", "delivery", "birth_cert", "newborn_reg", "death"]);

/** The people a record can name (DESIGN.md §5 `mention.role`); the subject's fields carry no prefix. */
export const PERSON_ROLES = ["subject", "mother", "child", "father", "spouse"] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** Fields every named person can have; `mother_` + field etc. for the other roles. */
export const PERSON_FIELDS = ["name", "sex", "birth_date", "id_number", "phone"] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

/**
 * Fields of the record itself. `event_date` is the date the record is dated by in its department: the
 * registration date (hukou, marriage, newborn_reg), the issue date (birth_cert), the discharge or report date
 * (delivery) and the date of death (death). `registration_date` is a second, later date some sources carry
 * (a death's registration). `birth_order`, `plurality` and `facility` describe a birth.
 */
export const RECORD_FIELDS = [
  "source_id",
  "division_code",
  "address",
  "event_date",
  "registration_date",
  "birth_order",
  "plurality",
  "facility",
] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

const ROLE_PREFIXES = PERSON_ROLES.filter((role) => role !== "subject");
export const STANDARD_FIELDS = [
  ...RECORD_FIELDS,
  ...PERSON_FIELDS,
  ...ROLE_PREFIXES.flatMap((role) => PERSON_FIELDS.map((field) => `${role}_${field}` as const)),
] as const;
export const StandardField = z.enum(STANDARD_FIELDS);
export type StandardField = z.infer<typeof StandardField>;

export function isStandardField(text: string): text is StandardField {
  return (STANDARD_FIELDS as readonly string[]).includes(text);
}

/** The role and person field a standard field names, or undefined for a record field. */
export function splitPersonField(field: StandardField): { role: PersonRole; field: PersonField } | undefined {
  for (const role of ROLE_PREFIXES) {
    if (field.startsWith(`${role}_`)) return { role, field: field.slice(role.length + 1) as PersonField };
  }
  return (PERSON_FIELDS as readonly string[]).includes(field) ? { role: "subject", field: field as PersonField } : undefined;
}

export function personFieldName(role: PersonRole, field: PersonField): StandardField {
  return (role === "subject" ? field : `${role}_${field}`) as StandardField;
}

/** `utf-8-bom` is UTF-8 that starts with a byte-order mark; GBK files are read as GB18030, its superset. */
export const TEXT_ENCODINGS = ["utf-8", "utf-8-bom", "gb18030"] as const;
export const TextEncoding = z.enum(TEXT_ENCODINGS);
export type TextEncoding = z.infer<typeof TextEncoding>;

export const FileFormat = z.enum(["csv", "xlsx"]);
export type FileFormat = z.infer<typeof FileFormat>;

/**
 * `loading`: rows are being written in chunks and are invisible to readers (see README "Atomicity");
 * `committed`: every row is stored; `failed`: the file was rejected and none of its rows are stored.
 */
export const BatchStatus = z.enum(["loading", "committed", "failed"]);
export type BatchStatus = z.infer<typeof BatchStatus>;

/** Column i of the file maps to `mapping[i]`, or to nothing (kept only in the raw record). */
export const ColumnMapping = z.array(StandardField.nullable());
export type ColumnMapping = z.infer<typeof ColumnMapping>;

export const LocalisedText = z.object({ zh: z.string(), en: z.string() });

export const FileFailure = z.object({
  code: z.string(),
  message: LocalisedText,
  detail: z.string().optional(),
});
export type FileFailure = z.infer<typeof FileFailure>;

/** Counts per issue code (errors and warnings alike). */
export const CodeCounts = z.record(z.string(), z.number().int());
export type CodeCounts = z.infer<typeof CodeCounts>;

export const Batch = z.object({
  id: z.number().int(),
  sourceType: SourceType,
  fileName: z.string(),
  fileFormat: FileFormat,
  sheetName: z.string().nullable(),
  encoding: TextEncoding.nullable(),
  contentSha256: z.string(),
  byteSize: z.number().int(),
  status: BatchStatus,
  /** Data rows read from the file (header excluded; blank rows skipped). */
  rows: z.number().int(),
  accepted: z.number().int(),
  quarantined: z.number().int(),
  /** Stored rows that carry at least one warning. */
  warnings: z.number().int(),
  /** Quarantined rows later corrected and stored. */
  resubmitted: z.number().int(),
  errorsByCode: CodeCounts,
  failure: FileFailure.nullable(),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
});
export type Batch = z.infer<typeof Batch>;

export const BatchDetail = Batch.extend({
  headers: z.array(z.string()),
  mapping: ColumnMapping,
  asOf: z.string(),
});
export type BatchDetail = z.infer<typeof BatchDetail>;

export const IssueSeverity = z.enum(["error", "warning"]);
export type IssueSeverity = z.infer<typeof IssueSeverity>;

/** One finding about one row, as stored with a quarantined row and shown to users. */
export const IssueMessage = z.object({
  code: z.string(),
  severity: IssueSeverity,
  field: z.string().nullable(),
  column: z.string().nullable(),
  /** The offending value, masked when it is a name, ID number or phone number. */
  value: z.string().nullable(),
  zh: z.string(),
  en: z.string(),
});
export type IssueMessage = z.infer<typeof IssueMessage>;

export const QuarantineStatus = z.enum(["open", "resubmitted", "exported"]);
export type QuarantineStatus = z.infer<typeof QuarantineStatus>;

export const QuarantineRow = z.object({
  batchId: z.number().int(),
  rowNumber: z.number().int(),
  /** Header → cell as read; personal fields masked unless revealed. */
  raw: z.record(z.string(), z.string()),
  codes: z.array(z.string()),
  messages: z.array(IssueMessage),
  status: QuarantineStatus,
});
export type QuarantineRow = z.infer<typeof QuarantineRow>;

/** What `renkou import --json` prints as its last line, and what a finished job reports. */
export const ImportSummary = z.object({
  batch: z.number().int().nullable(),
  status: z.enum(["committed", "duplicate", "failed"]),
  rows: z.number().int(),
  accepted: z.number().int(),
  quarantined: z.number().int(),
  warnings: z.number().int(),
  errors_by_code: CodeCounts,
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const ImportPhase = z.enum(["queued", "hashing", "reading", "committing", "done", "failed"]);
export type ImportPhase = z.infer<typeof ImportPhase>;

export const ImportProgress = z.object({
  phase: ImportPhase,
  rowsRead: z.number().int(),
  bytesRead: z.number().int(),
  bytesTotal: z.number().int(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

export const ImportJob = z.object({
  id: z.string(),
  sourceType: SourceType,
  fileName: z.string(),
  startedAt: z.string(),
  progress: ImportProgress,
  /** Set once the job has finished. */
  result: ImportSummary.nullable(),
  /** Set when the file was rejected or the import broke. */
  failure: FileFailure.nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;

export const MappingSource = z.enum(["dictionary", "override", "unmapped", "ignored"]);

export const MappingProposal = z.object({
  sourceType: SourceType,
  columns: z.array(
    z.object({ index: z.number().int(), header: z.string(), field: StandardField.nullable(), how: MappingSource }),
  ),
  /** Fields the source type requires that no column maps to. */
  missingRequired: z.array(StandardField),
  /** Problems with the overrides or the mapping as a whole (a field mapped twice, an unknown header). */
  problems: z.array(FileFailure),
});
export type MappingProposal = z.infer<typeof MappingProposal>;

/** Overview figures this module contributes (see overview/service.ts). */
export interface RegistryCounts {
  readonly batches: { committed: number; failed: number; total: number };
  readonly records: { accepted: number; quarantined: number };
}

// ---- Kysely table types (migration 0010_registry.sql). Dates arrive as 'YYYY-MM-DD' strings. ----

type Json<T> = ColumnType<T, string, string>;

export interface SourceBatchTable {
  id: Generated<number>;
  region_code: string | null;
  source_type: SourceType;
  file_name: string;
  file_format: FileFormat;
  sheet_name: string | null;
  encoding: TextEncoding | null;
  content_sha256: string;
  byte_size: number;
  headers: Json<string[]>;
  mapping: Json<ColumnMapping>;
  as_of: string;
  status: BatchStatus;
  rows_loaded: Generated<number>;
  row_count: Generated<number>;
  accepted_count: Generated<number>;
  quarantined_count: Generated<number>;
  warning_count: Generated<number>;
  resubmitted_count: Generated<number>;
  errors_by_code: ColumnType<CodeCounts, string | undefined, string>;
  region_codes: ColumnType<string[], string[] | undefined, string[]>;
  failure: ColumnType<FileFailure | null, string | null | undefined, string | null>;
  created_by: string | null;
  /** The submitting account's jurisdiction (division-code prefix); null for command-line imports. */
  submitted_in: string | null;
  /** A hospital reporter's facility, when one submitted the file. */
  submitted_facility: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  committed_at: Date | null;
}

export interface SourceRecordTable {
  region_code: string;
  batch_id: number;
  row_number: number;
  source_type: SourceType;
  source_id: string | null;
  event_date: string | null;
  division_code: string | null;
  address: string | null;
  attributes: Json<Record<string, string | number>> | null;
  raw: Json<string[]>;
  warnings: ColumnType<string[], string[] | undefined, string[]>;
}

export interface MentionTable {
  region_code: string;
  batch_id: number;
  row_number: number;
  role: PersonRole;
  source_type: SourceType;
  name_norm: string | null;
  name_pinyin: string | null;
  initials: string | null;
  surname: string | null;
  birth_date: string | null;
  sex: "male" | "female" | "unknown" | "unspecified" | null;
  id_number: string | null;
  id_valid: boolean;
  id_hmac: string | null;
  division_code: string | null;
  phone: string | null;
  event_date: string | null;
}

export interface QuarantineRowTable {
  batch_id: number;
  row_number: number;
  region_code: string | null;
  division_code: string | null;
  raw: Json<string[]>;
  codes: ColumnType<string[], string[], string[]>;
  messages: Json<IssueMessage[]>;
  status: ColumnType<QuarantineStatus, QuarantineStatus | undefined, QuarantineStatus>;
  resolved_at: Date | null;
}

/** One record of a source file as read: its row number in the file (the header is row 1 in most files). */
export interface SourceRow {
  readonly rowNumber: number;
  readonly cells: string[];
}
