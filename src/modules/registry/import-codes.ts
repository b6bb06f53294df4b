/**
 * Stable codes for everything an import can find wrong, with their severity and their messages in both
 * console languages. Row issues name the row, the field (standard name and the file's own header) and the
 * value; names, ID numbers and phone numbers appear only masked, because messages may be logged or shown
 * to people who may not see the data (the quarantined row keeps the raw cells).
 */
import { KERNEL_MESSAGES, isKernelReason } from "../../kernel/messages.ts";
import type { LocalisedMessage } from "../../kernel/result.ts";
import type { IssueMessage, IssueSeverity, SourceType, StandardField } from "./model.ts";

/** A file that cannot be imported at all: nothing of it is stored. */
export const FILE_PROBLEMS = {
  file_empty: { zh: "文件没有表头或没有数据行", en: "The file has no header row or no data rows" },
  file_too_large: { zh: "文件超过允许的大小上限", en: "The file is larger than the configured limit" },
  too_many_rows: { zh: "文件行数超过允许的上限", en: "The file has more rows than the configured limit" },
  file_binary: {
    zh: "文件不是文本表格（含二进制内容），请上传 CSV 或 XLSX 文件",
    en: "The file is not a text table (it contains binary data); upload a CSV or XLSX file",
  },
  format_unsupported: {
    zh: "不支持的文件格式（如旧版 .xls），请另存为 XLSX 或 CSV",
    en: "Unsupported file format (e.g. legacy .xls); save it as XLSX or CSV",
  },
  encoding_invalid: {
    zh: "文件内容不符合所选或检测到的字符编码（UTF-8 或 GB18030/GBK），请检查编码",
    en: "The file's bytes are not valid in the chosen or detected encoding (UTF-8 or GB18030/GBK); check the encoding",
  },
  encoding_unsupported: {
    zh: "不支持的字符编码（如 UTF-16），请另存为 UTF-8 或 GBK",
    en: "Unsupported character encoding (e.g. UTF-16); save the file as UTF-8 or GBK",
  },
  file_truncated: {
    zh: "文件不完整（在记录中间结束），可能传输中断，请重新导出",
    en: "The file is incomplete (it ends inside a record), probably cut off in transfer; export it again",
  },
  line_too_long: {
    zh: "文件中有一行超过允许的长度上限，可能不是正常的表格文件",
    en: "A line of the file is longer than the configured limit; the file is probably not a normal table",
  },
  xlsx_invalid: {
    zh: "XLSX 文件已损坏或不是有效的 Excel 工作簿",
    en: "The XLSX file is damaged or not a valid Excel workbook",
  },
  xlsx_zip_bomb: {
    zh: "XLSX 文件解压后过大或压缩比异常，已拒绝（疑似压缩炸弹）",
    en: "The XLSX file expands too much or has an abnormal compression ratio; rejected as a possible zip bomb",
  },
  xlsx_sheet_not_found: { zh: "工作簿中没有指定的工作表", en: "The workbook has no sheet of that name" },
  mapping_unknown_field: {
    zh: "列映射中有未知的标准字段名",
    en: "The column mapping names an unknown standard field",
  },
  mapping_unknown_header: {
    zh: "列映射中的表头在文件中不存在",
    en: "The column mapping names a header that the file does not have",
  },
  mapping_field_twice: {
    zh: "有两列映射到同一个标准字段，请用 --map 指定其中一列",
    en: "Two columns map to the same standard field; choose one with --map",
  },
  required_field_unmapped: {
    zh: "必需的字段没有对应的列，请用 --map 表头=字段 指定（若表头是乱码，请检查文件编码）",
    en: "A required field has no column; map one with --map HEADER=field (garbled headers suggest a wrong encoding)",
  },
  import_in_progress: {
    zh: "同一文件正在导入中，请稍后再试",
    en: "The same file is being imported right now; try again later",
  },
} as const satisfies Record<string, LocalisedMessage>;
export type FileProblemCode = keyof typeof FILE_PROBLEMS;

/**
 * How bad a row issue is. `identity` issues (about ID numbers) are errors in `hukou`, the reference registry,
 * and warnings in every other source, where linkage copes with a missing or mistyped number.
 */
type SeverityRule = IssueSeverity | "identity";

interface RowIssueSpec {
  readonly severity: SeverityRule;
  readonly zh: string;
  readonly en: string;
}

/** Message texts: {row} {column} {field} {value} {reason} {first_row} {count} {expected} {age} are filled in. */
export const ROW_ISSUES = {
  column_count: {
    severity: "error",
    zh: "第 {row} 行有 {count} 列，表头有 {expected} 列",
    en: "Row {row} has {count} cells but the header has {expected} columns",
  },
  no_identity: {
    severity: "error",
    zh: "第 {row} 行既没有姓名也没有身份证号码，无法识别是谁",
    en: "Row {row} has neither a name nor an ID number, so nobody can be identified",
  },
  duplicate_row: {
    severity: "error",
    zh: "第 {row} 行与第 {first_row} 行完全相同",
    en: "Row {row} is identical to row {first_row}",
  },
  date_unparseable: {
    severity: "error",
    zh: "第 {row} 行「{column}」（{field}）的日期 {value} 无法识别：{reason}",
    en: "Row {row}, column \"{column}\" ({field}): the date {value} cannot be read: {reason}",
  },
  date_impossible: {
    severity: "error",
    zh: "第 {row} 行「{column}」（{field}）的日期 {value} 不可能：{reason}",
    en: "Row {row}, column \"{column}\" ({field}): the date {value} is impossible: {reason}",
  },
  date_in_future: {
    severity: "error",
    zh: "第 {row} 行「{column}」（{field}）的日期 {value} 晚于今天",
    en: "Row {row}, column \"{column}\" ({field}): the date {value} lies in the future",
  },
  sex_unrecognised: {
    severity: "error",
    zh: "第 {row} 行「{column}」（{field}）的性别 {value} 无法识别：{reason}",
    en: "Row {row}, column \"{column}\" ({field}): the sex {value} is not recognised: {reason}",
  },
  name_missing: {
    severity: "error",
    zh: "第 {row} 行缺少姓名「{column}」（{field}），户籍记录必须有姓名",
    en: "Row {row} has no name in column \"{column}\" ({field}); a household registry record needs one",
  },
  birth_date_missing: {
    severity: "error",
    zh: "第 {row} 行缺少出生日期「{column}」（{field}），户籍记录必须有出生日期",
    en: "Row {row} has no birth date in column \"{column}\" ({field}); a household registry record needs one",
  },
  sex_missing: {
    severity: "error",
    zh: "第 {row} 行缺少性别「{column}」（{field}），户籍记录必须有性别",
    en: "Row {row} has no sex in column \"{column}\" ({field}); a household registry record needs one",
  },
  id_missing: {
    severity: "identity",
    zh: "第 {row} 行缺少身份证号码「{column}」（{field}）",
    en: "Row {row} has no ID number in column \"{column}\" ({field})",
  },
  id_invalid: {
    severity: "identity",
    zh: "第 {row} 行「{column}」（{field}）的身份证号码 {value} 无效：{reason}",
    en: "Row {row}, column \"{column}\" ({field}): the ID number {value} is not valid: {reason}",
  },
  id_birth_date_mismatch: {
    severity: "identity",
    zh: "第 {row} 行「{column}」（{field}）的出生日期 {value} 与身份证号码中的出生日期不一致",
    en: "Row {row}, column \"{column}\" ({field}): the birth date {value} differs from the one inside the ID number",
  },
  id_sex_mismatch: {
    severity: "identity",
    zh: "第 {row} 行「{column}」（{field}）的性别 {value} 与身份证号码（顺序码奇偶）不一致",
    en: "Row {row}, column \"{column}\" ({field}): the sex {value} disagrees with the ID number's sequence code",
  },
  birth_after_event: {
    severity: "error",
    zh: "第 {row} 行「{column}」（{field}）的出生日期 {value} 晚于记录日期",
    en: "Row {row}, column \"{column}\" ({field}): the birth date {value} is after the record's date",
  },
  death_before_birth: {
    severity: "error",
    zh: "第 {row} 行「{column}」（{field}）的死亡日期 {value} 早于出生日期",
    en: "Row {row}, column \"{column}\" ({field}): the date of death {value} is before the date of birth",
  },
  registered_before_event: {
    severity: "error",
    zh: "第 {row} 行「{column}」（{field}）的登记日期 {value} 早于事件日期",
    en: "Row {row}, column \"{column}\" ({field}): the registration date {value} is before the event it registers",
  },
  event_date_missing: {
    severity: "warning",
    zh: "第 {row} 行缺少记录日期「{column}」（{field}）",
    en: "Row {row} has no record date in column \"{column}\" ({field})",
  },
  parent_age_implausible: {
    severity: "warning",
    zh: "第 {row} 行「{column}」（{field}）：子女出生时年龄为 {age} 岁，不太可能",
    en: "Row {row}, column \"{column}\" ({field}): aged {age} at the child's birth, which is implausible",
  },
  marriage_under_legal_age: {
    severity: "warning",
    zh: "第 {row} 行「{column}」（{field}）：登记时 {age} 岁，低于法定婚龄（男 22 岁，女 20 岁）",
    en: "Row {row}, column \"{column}\" ({field}): aged {age} at registration, below the legal age (men 22, women 20)",
  },
  division_code_invalid: {
    severity: "warning",
    zh: "第 {row} 行「{column}」（{field}）的行政区划代码 {value} 格式不正确：{reason}",
    en: "Row {row}, column \"{column}\" ({field}): the division code {value} is malformed: {reason}",
  },
  division_unknown: {
    severity: "warning",
    zh: "第 {row} 行「{column}」（{field}）的行政区划代码 {value} 不在区划代码表中",
    en: "Row {row}, column \"{column}\" ({field}): the division code {value} is not in the division table",
  },
  phone_invalid: {
    severity: "warning",
    zh: "第 {row} 行「{column}」（{field}）的电话号码 {value} 不像手机或固定电话号码",
    en: "Row {row}, column \"{column}\" ({field}): {value} does not look like a mobile or landline number",
  },
  number_invalid: {
    severity: "warning",
    zh: "第 {row} 行「{column}」（{field}）的值 {value} 应为 1 到 20 之间的整数",
    en: "Row {row}, column \"{column}\" ({field}): {value} should be a whole number from 1 to 20",
  },
  duplicate_source_id: {
    severity: "warning",
    zh: "第 {row} 行「{column}」（{field}）的编号 {value} 与第 {first_row} 行重复",
    en: "Row {row}, column \"{column}\" ({field}): the record number {value} repeats row {first_row}",
  },
  duplicate_id_number: {
    severity: "warning",
    zh: "第 {row} 行「{column}」（{field}）的身份证号码 {value} 与第 {first_row} 行重复（重号）",
    en: "Row {row}, column \"{column}\" ({field}): the ID number {value} repeats row {first_row}",
  },
} as const satisfies Record<string, RowIssueSpec>;
export type RowIssueCode = keyof typeof ROW_ISSUES;

/** One finding about one row, before it is rendered into messages. */
export interface RowIssue {
  readonly code: RowIssueCode;
  readonly field?: StandardField | undefined;
  readonly column?: string | undefined;
  /** Already masked where personal. */
  readonly value?: string | undefined;
  /** A kernel reason code (bad_checksum, impossible_date …) or another code with a message here. */
  readonly reason?: string | undefined;
  readonly params?: Readonly<Record<string, string | number>> | undefined;
}

export function severityOf(code: RowIssueCode, sourceType: SourceType): IssueSeverity {
  const rule = ROW_ISSUES[code].severity;
  if (rule === "identity") return sourceType === "hukou" ? "error" : "warning";
  return rule;
}

const EXTRA_REASONS: Readonly<Record<string, LocalisedMessage>> = {
  division_code_empty: { zh: "行政区划代码为空", en: "the division code is empty" },
  division_code_not_digits: { zh: "只能包含数字", en: "only digits are allowed" },
  division_code_bad_length: { zh: "应为 2、4、6、9 或 12 位", en: "it must have 2, 4, 6, 9 or 12 digits" },
  division_code_zero_province: { zh: "省级段不能为 00", en: "the province segment cannot be 00" },
};

function reasonText(reason: string | undefined): LocalisedMessage {
  if (reason === undefined) return { zh: "", en: "" };
  if (isKernelReason(reason)) return KERNEL_MESSAGES[reason];
  return EXTRA_REASONS[reason] ?? { zh: reason, en: reason };
}

function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{([a-z_]+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** Renders an issue of row `row` into the stored/displayed form. */
export function describeRowIssue(issue: RowIssue, row: number, sourceType: SourceType): IssueMessage {
  const spec = ROW_ISSUES[issue.code];
  const reason = reasonText(issue.reason);
  const shared = {
    row,
    column: issue.column ?? "",
    field: issue.field ?? "",
    value: issue.value === undefined ? "" : issue.value === "" ? "（空）" : issue.value,
    ...issue.params,
  };
  return {
    code: issue.code,
    severity: severityOf(issue.code, sourceType),
    field: issue.field ?? null,
    column: issue.column ?? null,
    value: issue.value ?? null,
    zh: fill(spec.zh, { ...shared, reason: reason.zh }),
    en: fill(spec.en, { ...shared, value: issue.value === "" ? "(empty)" : shared.value, reason: reason.en }),
  };
}
