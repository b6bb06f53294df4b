/**
 * Surname and given name of a Chinese name (DOMAIN.md §3). Han names put the surname first and have no
 * separator, so the split rests on a list of compound (two-character) surnames (复姓).
 */
import { normaliseName } from "./name-normalise.ts";

/**
 * Compound surnames in current use or in the 百家姓, in simplified form. Left out on purpose: compounds
 * whose first character is a common single surname and whose second is a common given-name character
 * (单于, 段干, 乐正, 宗政, 谷梁, 梁丘), where 单 + 于X is far likelier than the compound. A combined parents'
 * surname (张杨) cannot be told from surname + given name and is split after the first character.
 */
export const COMPOUND_SURNAMES: ReadonlySet<string> = new Set([
  "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯",
  "令狐", "端木", "西门", "南宫", "独孤", "万俟", "闻人", "澹台", "公羊", "轩辕", "呼延", "申屠", "太史",
  "赫连", "拓跋", "百里", "东郭", "钟离", "司空", "淳于", "公冶", "濮阳", "太叔", "仲孙", "鲜于", "闾丘",
  "左丘", "漆雕", "亓官", "巫马", "第五", "羊舌", "司寇", "颛孙", "公良", "东门",
]);

export interface SplitName {
  readonly surname: string;
  readonly given: string;
}

const MIDDLE_DOT = "\u00b7";
const STARTS_WITH_HAN = /^\p{Script=Han}/u;

/**
 * Splits a name (normalised first) into surname and given name; `surname + given` is always the
 * normalised name.
 *
 * - A compound surname is recognised only when at least one character follows it (欧阳娜娜 → 欧阳 + 娜娜,
 *   but 钟离 → 钟 + 离): a compound surname is never a whole name.
 * - Ethnic-minority names with a middle dot (阿依古丽·买买提) have no family surname in the Han sense: the part
 *   before the dot is the person's own name, the part after it often the father's. We return surname '' and
 *   the whole name as `given`, rather than invent a surname that blocking or frequency tables would trust.
 * - Names that do not start with a Han character (Latin transliterations) also get surname ''.
 */
export function splitSurname(name: string): SplitName {
  return splitNormalisedName(normaliseName(name));
}

/** `splitSurname` for a name that is already the output of `normaliseName` (saves normalising twice). */
export function splitNormalisedName(normalised: string): SplitName {
  if (normalised.includes(MIDDLE_DOT) || !STARTS_WITH_HAN.test(normalised)) return { surname: "", given: normalised };
  const characters = Array.from(normalised);
  const surnameLength = characters.length > 2 && COMPOUND_SURNAMES.has(characters.slice(0, 2).join("")) ? 2 : 1;
  return { surname: characters.slice(0, surnameLength).join(""), given: characters.slice(surnameLength).join("") };
}
