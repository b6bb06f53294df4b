/**
 * Built-in header dictionaries: which of a department's own column headers means which standard field, per
 * source type, and the mapping proposal for a file (dictionary, then the user's overrides). Headers are
 * compared after `normaliseHeader`, so 身份证号码（18位）, ＊姓名 and "姓 名" find their entries.
 */
import { FILE_PROBLEMS, type FileProblemCode } from "./import-codes.ts";
import {
  PERSON_ROLES,
  isStandardField,
  personFieldName,
  splitPersonField,
  type ColumnMapping,
  type FileFailure,
  type MappingProposal,
  type PersonField,
  type PersonRole,
  type SourceType,
  type StandardField,
} from "./model.ts";

/** Ways departments write each person field, most specific first. */
const PERSON_FIELD_STEMS: Readonly<Record<PersonField, readonly string[]>> = {
  name: ["姓名", "名字", "人员姓名", "公民姓名"],
  sex: ["性别", "性别代码", "性别名称"],
  birth_date: ["出生日期", "出生年月日", "出生时间", "生日", "出生年月"],
  id_number: [
    "公民身份号码",
    "居民身份证号码",
    "身份证号码",
    "身份证号",
    "身份证件号码",
    "有效身份证件号码",
    "证件号码",
    "证件号",
    "身份证",
  ],
  phone: ["联系电话", "手机号码", "手机号", "手机", "电话", "联系方式", "电话号码"],
};

/** Pinyin abbreviations and English names found in exports from information systems. */
const LATIN_SUBJECT_HEADERS: Readonly<Record<PersonField, readonly string[]>> = {
  name: ["name", "xm", "full_name"],
  sex: ["sex", "gender", "xb", "xbdm"],
  birth_date: ["birth_date", "birthdate", "date_of_birth", "dob", "csrq"],
  id_number: ["id_number", "idno", "id_card", "sfzh", "gmsfhm", "zjhm", "sfzhm"],
  phone: ["phone", "mobile", "telephone", "lxdh", "sjhm"],
};

/** Words that put a person field on a role: 母亲姓名, 产妇身份证号, 新生儿性别, 女方出生日期 … */
const ROLE_PREFIXES: Readonly<Record<PersonRole, readonly string[]>> = {
  subject: ["本人", "死者", "死亡者", "逝者", "男方"],
  mother: ["母亲", "产妇", "孕产妇", "母亲的"],
  child: ["新生儿", "婴儿", "出生儿", "孩子", "子女", "新生儿的"],
  father: ["父亲", "丈夫", "父亲的"],
  spouse: ["配偶", "女方"],
};

/**
 * Household registration of a newborn names guardians rather than parents; by the Ministry of Public Security's
 * form (and the synthetic city) guardian one is the mother and guardian two the father. A file that orders
 * them otherwise is mapped with overrides.
 */
const GUARDIAN_PREFIXES: Partial<Record<SourceType, Partial<Record<PersonRole, readonly string[]>>>> = {
  newborn_reg: { mother: ["监护人一", "监护人1"], father: ["监护人二", "监护人2"] },
};

/** The role an unprefixed person header (姓名, 性别 …) refers to in each source. */
const UNPREFIXED_ROLE: Readonly<Record<SourceType, PersonRole>> = {
  hukou: "subject",
  persons: "subject",
  death: "subject",
  marriage: "subject",
  delivery: "mother",
  birth_cert: "child",
  newborn_reg: "child",
};

/** Record-field headers every source shares. */
const SHARED_RECORD_HEADERS: ReadonlyArray<readonly [StandardField, readonly string[]]> = [
  ["source_id", ["记录编号", "业务编号", "登记编号", "人员编号", "档案编号", "档案号", "流水号", "编号", "source_id", "record_id"]],
  [
    "division_code",
    [
      "行政区划代码",
      "行政区划编码",
      "区划代码",
      "区划编码",
      "所属区划代码",
      "户籍地行政区划代码",
      "住址行政区划代码",
      "现住址行政区划代码",
      "居住地行政区划代码",
      "乡镇街道代码",
      "乡镇代码",
      "街道代码",
      "行政区划",
      "xzqh",
      "xzqhdm",
      "division_code",
    ],
  ],
  [
    "address",
    ["户籍地址", "户籍地详址", "户籍住址", "住址", "现住址", "居住地址", "现居住地址", "家庭住址", "常住地址", "详细地址", "地址", "zz", "address"],
  ],
  ["birth_order", ["胎次", "孩次", "生育孩次", "产次", "出生胎次", "第几孩", "birth_order"]],
  ["plurality", ["胎数", "出生胎数", "胎儿数", "plurality"]],
  ["facility", ["分娩机构", "助产机构", "接生机构", "医疗机构名称", "医疗机构", "分娩地点", "出生地点", "签发机构", "facility"]],
  ["event_date", ["event_date"]],
  ["registration_date", ["registration_date"]],
];

/** Headers whose meaning depends on the source: record numbers, and which date the record is dated by. */
const SOURCE_HEADERS: Readonly<Record<SourceType, ReadonlyArray<readonly [StandardField, readonly string[]]>>> = {
  hukou: [["event_date", ["登记日期", "户籍登记日期", "户口登记日期", "入户日期"]]],
  persons: [["event_date", ["登记日期", "日期"]]],
  marriage: [
    ["source_id", ["结婚证字号", "结婚证号", "登记证号", "证书编号"]],
    ["facility", ["登记机关", "婚姻登记机关"]],
    ["event_date", ["登记日期", "结婚登记日期", "婚姻登记日期", "领证日期", "结婚日期"]],
  ],
  delivery: [
    ["source_id", ["住院病案号", "病案号", "住院号", "病历号"]],
    ["child_birth_date", ["分娩日期", "分娩时间", "新生儿出生日期", "新生儿出生时间"]],
    ["child_sex", ["性别", "新生儿性别", "婴儿性别"]],
    ["event_date", ["出院日期", "报告日期", "填报日期", "上报日期"]],
  ],
  birth_cert: [
    ["source_id", ["出生医学证明编号", "出生证明编号", "出生证编号", "证明编号"]],
    ["event_date", ["签发日期", "发证日期", "签发时间"]],
  ],
  newborn_reg: [
    ["source_id", ["受理编号", "申报编号"]],
    ["facility", ["登记单位", "登记机关"]],
    ["event_date", ["入户日期", "落户日期", "登记日期", "户口登记日期", "申报日期"]],
  ],
  death: [
    ["source_id", ["死亡医学证明编号", "死亡证明编号", "死亡证编号"]],
    ["event_date", ["死亡日期", "死亡时间"]],
    ["registration_date", ["登记日期", "注销日期", "报告日期", "填报日期"]],
  ],
};

/**
 * Comparison form of a header: NFKC (full-width → ASCII), no whitespace, no parenthesised notes
 * (出生日期（YYYYMMDD） → 出生日期), no required-field stars or trailing colons, Latin lower-cased.
 */
export function normaliseHeader(header: string): string {
  return header
    .normalize("NFKC")
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】/g, "")
    .replace(/[\s\u200b-\u200d\ufeff]/g, "")
    .replace(/^[*＊]+|[*＊:：]+$/g, "")
    .toLowerCase();
}

interface DictionaryEntry {
  readonly field: StandardField;
  /** Lower wins when two columns claim the same field. */
  readonly rank: number;
}

function buildDictionary(sourceType: SourceType): ReadonlyMap<string, DictionaryEntry> {
  const dictionary = new Map<string, DictionaryEntry>();
  const add = (header: string, field: StandardField) => {
    const key = normaliseHeader(header);
    if (!dictionary.has(key)) dictionary.set(key, { field, rank: dictionary.size });
  };
  // Source-specific meanings first, so they win over the shared reading of the same header.
  for (const [field, headers] of SOURCE_HEADERS[sourceType]) for (const header of headers) add(header, field);
  for (const role of PERSON_ROLES) {
    for (const prefix of [...ROLE_PREFIXES[role], ...(GUARDIAN_PREFIXES[sourceType]?.[role] ?? [])]) {
      if (sourceType !== "marriage" && (prefix === "男方" || prefix === "女方")) continue;
      for (const [field, stems] of Object.entries(PERSON_FIELD_STEMS) as Array<[PersonField, readonly string[]]>) {
        for (const stem of stems) add(prefix + stem, personFieldName(role, field));
      }
    }
  }
  const unprefixedRole = UNPREFIXED_ROLE[sourceType];
  for (const [field, stems] of Object.entries(PERSON_FIELD_STEMS) as Array<[PersonField, readonly string[]]>) {
    for (const stem of stems) add(stem, personFieldName(unprefixedRole, field));
    for (const latin of LATIN_SUBJECT_HEADERS[field]) add(latin, personFieldName(unprefixedRole, field));
  }
  for (const [field, headers] of SHARED_RECORD_HEADERS) for (const header of headers) add(header, field);
  return dictionary;
}

const DICTIONARIES = new Map<SourceType, ReadonlyMap<string, DictionaryEntry>>();

function dictionaryOf(sourceType: SourceType): ReadonlyMap<string, DictionaryEntry> {
  let dictionary = DICTIONARIES.get(sourceType);
  if (!dictionary) {
    dictionary = buildDictionary(sourceType);
    DICTIONARIES.set(sourceType, dictionary);
  }
  return dictionary;
}

/** The built-in dictionary of a source type as normalised header → field, for documentation and the console. */
export function listHeaderDictionary(sourceType: SourceType): Array<{ header: string; field: StandardField }> {
  return [...dictionaryOf(sourceType)].map(([header, entry]) => ({ header, field: entry.field }));
}

/** Fields a source type cannot do without; `hukou`, the reference registry, needs the full identity. */
export const REQUIRED_FIELDS: Readonly<Record<SourceType, readonly StandardField[]>> = {
  hukou: ["name", "id_number", "birth_date", "sex"],
  persons: [],
  marriage: [],
  delivery: [],
  birth_cert: [],
  newborn_reg: [],
  death: [],
};

function problem(code: FileProblemCode, detail: string): FileFailure {
  return { code, message: FILE_PROBLEMS[code], detail };
}

/**
 * Proposes a mapping for a file's headers: the source type's dictionary, then `overrides` in the CLI's
 * `HEADER=field` form (`HEADER=` or `HEADER=-` ignores the column). When two columns claim one field from the
 * dictionary, the header ranked first in the dictionary keeps it; two overrides naming one field is a problem.
 */
export function proposeMapping(headers: readonly string[], sourceType: SourceType, overrides: readonly string[] = []): MappingProposal {
  const dictionary = dictionaryOf(sourceType);
  const problems: FileFailure[] = [];
  const columns: Array<MappingProposal["columns"][number]> = headers.map((header, index) => ({
    index,
    header,
    field: null,
    how: "unmapped",
  }));

  const overridden = new Set<number>();
  for (const override of overrides) {
    const equals = override.lastIndexOf("=");
    if (equals <= 0) {
      problems.push(problem("mapping_unknown_header", `"${override}" is not HEADER=field`));
      continue;
    }
    const header = override.slice(0, equals);
    const target = override.slice(equals + 1).trim();
    const index = findHeader(headers, header);
    if (index === undefined) {
      problems.push(problem("mapping_unknown_header", `no column "${header}"`));
      continue;
    }
    if (target === "" || target === "-") {
      columns[index] = { ...columns[index]!, field: null, how: "ignored" };
    } else if (isStandardField(target)) {
      columns[index] = { ...columns[index]!, field: target, how: "override" };
    } else {
      problems.push(problem("mapping_unknown_field", `"${target}" (for column "${header}")`));
      continue;
    }
    overridden.add(index);
  }

  const claimed = new Map<StandardField, { index: number; rank: number }>();
  for (const column of columns) {
    if (column.field === null) continue;
    const earlier = claimed.get(column.field);
    if (earlier) problems.push(problem("mapping_field_twice", `${column.field}: "${headers[earlier.index]}" and "${column.header}"`));
    else claimed.set(column.field, { index: column.index, rank: -1 });
  }
  for (const column of columns) {
    if (overridden.has(column.index)) continue;
    const entry = dictionary.get(normaliseHeader(column.header));
    if (!entry) continue;
    const earlier = claimed.get(entry.field);
    if (earlier && (earlier.rank === -1 || earlier.rank <= entry.rank)) continue;
    if (earlier) columns[earlier.index] = { ...columns[earlier.index]!, field: null, how: "unmapped" };
    columns[column.index] = { ...column, field: entry.field, how: "dictionary" };
    claimed.set(entry.field, { index: column.index, rank: entry.rank });
  }

  const mapped = new Set(columns.flatMap((column) => (column.field ? [column.field] : [])));
  const missingRequired = REQUIRED_FIELDS[sourceType].filter((field) => !mapped.has(field));
  for (const field of missingRequired) problems.push(problem("required_field_unmapped", field));
  const hasIdentity = [...mapped].some((field) => {
    const person = splitPersonField(field);
    return person !== undefined && (person.field === "name" || person.field === "id_number");
  });
  if (!hasIdentity && missingRequired.length === 0) {
    problems.push(problem("required_field_unmapped", "name or id_number (of any person)"));
  }
  return { sourceType, columns, missingRequired, problems };
}

/** Exact header first, then the normalised form. */
function findHeader(headers: readonly string[], wanted: string): number | undefined {
  const exact = headers.indexOf(wanted);
  if (exact !== -1) return exact;
  const normalised = normaliseHeader(wanted);
  const index = headers.findIndex((header) => normaliseHeader(header) === normalised);
  return index === -1 ? undefined : index;
}

export function mappingOf(proposal: MappingProposal): ColumnMapping {
  return proposal.columns.map((column) => column.field);
}

/** Duplicate or blank headers would make the raw record ambiguous: 姓名, 姓名 → 姓名, 姓名 (2); '' → 列3. */
export function uniqueHeaders(cells: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((cell, index) => {
    const base = cell.trim() === "" ? `列${index + 1}` : cell.trim();
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base} (${count})`;
  });
}
