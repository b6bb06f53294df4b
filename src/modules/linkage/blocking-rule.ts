import { fail, ok, type Result } from "../../kernel/result.ts";
import type { FieldSpec, FieldType } from "./model.ts";

/**
 * Blocking rules: candidate pairs are those that agree on every key of at least one rule (an OR-list of
 * AND-rules). A key is a field, or a transform of it:
 *   surname                       the field's normalised value
 *   pinyin(姓名) initials(姓名) surname(姓名)        Chinese names
 *   metaphone(given_name)         Latin names (double metaphone)
 *   birth(身份证号)                 birth date embedded in an ID number
 *   year(dob)  prefix(postcode,3)  last8(phone)
 * and a rule joins keys with `&`: `surname & year(date_of_birth)`.
 */
export interface BlockingKey {
  readonly fieldIndex: number;
  /** The feature compared (`norm`, `pinyin`, `birth` …). */
  readonly feature: string;
  /** Only the first this many characters of the feature (`prefix(postcode,3)`, `year(dob)`). */
  readonly prefixLength?: number;
}

export interface BlockingRule {
  readonly text: string;
  readonly keys: readonly BlockingKey[];
}

export type BlockingRuleReason = "blocking_rule_syntax" | "blocking_rule_unknown_field" | "blocking_rule_bad_transform";

const TRANSFORM_FEATURES: Readonly<Record<string, Partial<Record<FieldType, string>>>> = {
  pinyin: { zh_name: "pinyin" },
  initials: { zh_name: "initials" },
  surname: { zh_name: "surname" },
  metaphone: { name: "metaphone" },
  birth: { resident_id: "birth", date: "norm" },
  last8: { phone: "last8" },
};

const TERM = /^\s*(?:([a-z0-9_]+)\s*\(\s*([^,()]+?)\s*(?:,\s*(\d+)\s*)?\)|([^&()]+?))\s*$/i;

export function parseBlockingRule(text: string, fields: readonly FieldSpec[]): Result<BlockingRule, BlockingRuleReason> {
  const keys: BlockingKey[] = [];
  for (const term of text.split("&")) {
    const match = TERM.exec(term);
    if (!match) return fail("blocking_rule_syntax", `cannot read "${term.trim()}" in blocking rule "${text}"`);
    const [, transform, transformField, length, bareField] = match;
    const fieldName = (transformField ?? bareField ?? "").trim();
    const fieldIndex = fields.findIndex((f) => f.name === fieldName || f.rightColumn === fieldName);
    if (fieldIndex < 0) return fail("blocking_rule_unknown_field", `blocking rule "${text}" names "${fieldName}", which is not a --field`);
    const key = buildKey(fieldIndex, fields[fieldIndex]!.type, transform?.toLowerCase(), length);
    if (!key.ok) return fail(key.reason, `${key.detail} in blocking rule "${text}"`);
    keys.push(key.value);
  }
  return ok({ text: text.trim(), keys });
}

function buildKey(
  fieldIndex: number,
  type: FieldType,
  transform: string | undefined,
  length: string | undefined,
): Result<BlockingKey, BlockingRuleReason> {
  if (transform === undefined) return ok({ fieldIndex, feature: "norm" });
  if (transform === "prefix" || transform === "year") {
    const n = transform === "year" ? 4 : Number(length);
    if (!Number.isInteger(n) || n < 1 || n > 64) return fail("blocking_rule_bad_transform", "prefix needs a length 1–64");
    return ok({ fieldIndex, feature: "norm", prefixLength: n });
  }
  const feature = TRANSFORM_FEATURES[transform]?.[type];
  if (feature === undefined) return fail("blocking_rule_bad_transform", `${transform}() does not apply to a ${type} field`);
  return ok({ fieldIndex, feature });
}

/** The key the default blocking uses for a field on its own, or none for fields too coarse to block on. */
export function defaultBlockingTerm(field: FieldSpec): string | undefined {
  switch (field.type) {
    case "zh_name":
      return `pinyin(${field.name})`;
    case "phone":
      return `last8(${field.name})`;
    case "sex":
      return undefined;
    default:
      return field.name;
  }
}

/**
 * Default blocking, chosen from the field types and the data's own block sizes: every field whose equality
 * alone yields at most `budget` pairs is a rule; the fields too coarse alone are paired (`a & b`) and every
 * pair within budget is a rule. So a true match is found when any one selective field, or any two coarse
 * ones, agree exactly — no dataset-specific knowledge needed.
 */
export async function chooseDefaultBlockingTerms(
  fields: readonly FieldSpec[],
  estimatePairs: (ruleText: string) => Promise<number>,
  budget: number,
): Promise<string[]> {
  const singles: string[] = [];
  const coarse: string[] = [];
  for (const field of fields) {
    const term = defaultBlockingTerm(field);
    if (term === undefined) continue;
    ((await estimatePairs(term)) <= budget ? singles : coarse).push(term);
  }
  const pairs: string[] = [];
  for (let i = 0; i < coarse.length; i++) {
    for (let j = i + 1; j < coarse.length; j++) {
      const rule = `${coarse[i]} & ${coarse[j]}`;
      if ((await estimatePairs(rule)) <= budget) pairs.push(rule);
    }
  }
  return [...singles, ...pairs];
}
