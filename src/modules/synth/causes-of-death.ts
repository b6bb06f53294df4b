import { type Random, WeightedChoice } from "./random.ts";

/**
 * Underlying causes of death at ICD-10 chapter level (synthetic: only the chapter is drawn). The weights by
 * age follow the broad pattern of China's cause-of-death surveillance — circulatory disease and cancer
 * dominate in old age, injuries among young adults, perinatal conditions and malformations in infancy — and
 * are our approximations, not published proportions.
 */
export interface CauseOfDeath {
  readonly code: string;
  readonly name: string;
}

export const CAUSES_OF_DEATH: readonly CauseOfDeath[] = [
  { code: "A00-B99", name: "某些传染病和寄生虫病" },
  { code: "C00-D48", name: "肿瘤" },
  { code: "E00-E90", name: "内分泌、营养和代谢疾病" },
  { code: "G00-G99", name: "神经系统疾病" },
  { code: "I00-I99", name: "循环系统疾病" },
  { code: "J00-J99", name: "呼吸系统疾病" },
  { code: "K00-K93", name: "消化系统疾病" },
  { code: "N00-N99", name: "泌尿生殖系统疾病" },
  { code: "P00-P96", name: "起源于围生期的某些情况" },
  { code: "Q00-Q99", name: "先天性畸形、变形和染色体异常" },
  { code: "R00-R99", name: "症状、体征和临床与实验室异常所见" },
  { code: "V01-Y98", name: "疾病和死亡的外因" },
];

// Columns follow CAUSES_OF_DEATH: A C E G I J K N P Q R V.
const INFANT = new WeightedChoice([5, 0, 0, 2, 1, 10, 1, 0, 50, 25, 5, 5]);
const CHILD = new WeightedChoice([5, 15, 2, 10, 3, 10, 2, 1, 0, 15, 5, 40]);
const YOUNG_ADULT = new WeightedChoice([2, 25, 2, 3, 20, 3, 4, 1, 0, 1, 3, 36]);
const MIDDLE_AGE = new WeightedChoice([1, 40, 4, 2, 35, 4, 4, 1, 0, 0, 1, 8]);
const OLD_AGE = new WeightedChoice([1, 22, 4, 3, 50, 13, 2, 2, 0, 0, 2, 2]);

export function drawCauseOfDeath(random: Random, age: number): number {
  if (age < 1) return INFANT.sample(random);
  if (age < 15) return CHILD.sample(random);
  if (age < 45) return YOUNG_ADULT.sample(random);
  if (age < 65) return MIDDLE_AGE.sample(random);
  return OLD_AGE.sample(random);
}

/** 死亡地点 as the death-registration system codes it. */
export const DEATH_PLACES = ["医疗卫生机构", "家中", "途中", "其他"] as const;
export const DEATH_PLACE_HOSPITAL = 0;

export function drawDeathPlace(random: Random, age: number): number {
  const u = random.float();
  const atHospital = age < 65 ? 0.55 : 0.35;
  if (u < atHospital) return 0;
  if (u < atHospital + (age < 65 ? 0.35 : 0.6)) return 1;
  return u < 0.97 ? 2 : 3;
}
