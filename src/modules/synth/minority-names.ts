import type { Random } from "./random.ts";

/**
 * Names of Uyghur migrants (from the Xinjiang origins in `zaozhuang.ts`). Uyghur names have no surname: a
 * person is written as own name · father's name in Chinese transliteration, joined by the middle dot
 * U+00B7, which registries also write as •, ．, ・ or a full stop (DOMAIN.md §3). The transliterations are
 * common ones chosen by us; no real person is meant.
 */
export const MIDDLE_DOT = "·";

/** Characters that stand in for the middle dot in real files. */
export const MIDDLE_DOT_VARIANTS: readonly string[] = ["•", "．", "・", "."];

const MALE_NAMES: readonly string[] = [
  "买买提", "艾力", "阿不都", "吐尔逊", "艾合买提", "努尔买买提", "阿布都热合曼", "伊力哈木", "亚森", "热合曼",
  "艾尔肯", "麦麦提", "阿迪力", "依明", "库尔班", "吾斯曼", "玉素甫", "肉孜",
];

const FEMALE_NAMES: readonly string[] = [
  "阿依古丽", "古丽娜尔", "热依拉", "帕提古丽", "迪丽努尔", "阿依努尔", "米热古丽", "努尔古丽", "再努尔",
  "布合力其", "古丽米拉", "阿孜古丽", "热孜亚", "萨拉买提",
];

/** A person's own name, the part before the middle dot. */
export function drawUyghurOwnName(random: Random, sex: number): string {
  return random.pick(sex === 1 ? MALE_NAMES : FEMALE_NAMES);
}

/** The father's own name, used after the middle dot when the father is not in the city. */
export function drawUyghurFatherName(random: Random): string {
  return random.pick(MALE_NAMES);
}
