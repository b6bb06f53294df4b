/**
 * User-facing messages for every reason code of the kernel parsers, so the HTTP layer (problem+json) and
 * the import quarantine show the same words. Callers add which row, field and value were wrong.
 * Division codes keep their own table beside their parser (divisions.ts).
 */
import { CIVIL_DATE_REASONS, type CivilDateReason } from "./dates.ts";
import { RESIDENT_ID_REASONS, type ResidentIdReason } from "./resident-id.ts";
import type { LocalisedMessage } from "./result.ts";
import { SEX_REASONS, type SexReason } from "./sex.ts";

export type KernelReason = ResidentIdReason | CivilDateReason | SexReason;

/** Every kernel reason code once ('empty' is shared by all parsers). */
export const KERNEL_REASONS: readonly KernelReason[] = [
  ...new Set<KernelReason>([...RESIDENT_ID_REASONS, ...CIVIL_DATE_REASONS, ...SEX_REASONS]),
];

export const KERNEL_MESSAGES: { readonly [R in KernelReason]: LocalisedMessage } = {
  empty: {
    zh: "未填写",
    en: "No value was given",
  },
  bad_length: {
    zh: "身份证号码应为 18 位（旧版为 15 位）",
    en: "A resident ID number has 18 characters (15 in the old 1989 form)",
  },
  bad_characters: {
    zh: "身份证号码只能包含数字，最后一位可以是 X",
    en: "A resident ID number contains only digits, with X allowed as the last character",
  },
  bad_birth_date: {
    zh: "身份证号码中的出生日期不存在或晚于登记日期",
    en: "The birth date inside the resident ID number does not exist or lies after the reference date",
  },
  bad_checksum: {
    zh: "身份证号码校验位不正确，可能有输入错误",
    en: "The check character of the resident ID number is wrong; the number was probably mistyped",
  },
  unrecognised_format: {
    zh: "无法识别的日期格式，请使用如 2023-01-05 或 2023年1月5日 的格式",
    en: "Unrecognised date format; use a form such as 2023-01-05 or 2023年1月5日",
  },
  impossible_date: {
    zh: "日期不存在（如 2 月 29 日不在闰年，或月份大于 12）",
    en: "The date does not exist (e.g. 29 February outside a leap year, or a month above 12)",
  },
  out_of_range: {
    zh: "日期超出允许范围（1870 年至 2100 年）",
    en: "The date is outside the accepted range (years 1870 to 2100)",
  },
  unrecognised_sex: {
    zh: "无法识别的性别，请填写 男/女、1/2（GB/T 2261.1）或 M/F",
    en: "Unrecognised sex; use 男/女, the GB/T 2261.1 codes 1/2, or M/F",
  },
};

/** Whether a stored or transmitted code is one of the kernel's reason codes. */
export function isKernelReason(code: string): code is KernelReason {
  return Object.hasOwn(KERNEL_MESSAGES, code);
}
