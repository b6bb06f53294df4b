import { FEMALE } from "./person-table.ts";

/**
 * Demographic rates of the synthetic city. They are plausible shapes, not published tables: mortality is a
 * Gompertz–Makeham law (μ(x) = A + B·e^{cx}) tuned to a life expectancy near 79 (Shandong, 2020) and a crude
 * death rate near 7–8‰; fertility is a relative schedule by age and parity that the simulation scales each
 * year to the profile's crude birth rate; marriage hazards fall over the span as registered marriages in
 * China did (about 12 million in 2015, 6 million in 2024).
 */

const MAX_AGE = 121;

function gompertzTable(a: number, b: number, c: number): Float64Array {
  const q = new Float64Array(MAX_AGE);
  for (let age = 0; age < MAX_AGE; age++) q[age] = 1 - Math.exp(-(a + b * Math.exp(c * age)));
  q[0] = 0.003;
  return q;
}

const MALE_DEATH = gompertzTable(0.0004, 0.000033, 0.092);
const FEMALE_DEATH = gompertzTable(0.0003, 0.000018, 0.095);

/** Probability of dying within a year at completed age `age`. */
export function annualDeathProbability(age: number, sex: number): number {
  const table = sex === FEMALE ? FEMALE_DEATH : MALE_DEATH;
  return table[Math.min(Math.max(age, 0), MAX_AGE - 1)]!;
}

/** Infant mortality (deaths in the first year per live birth): about 3‰ in Shandong around 2020. */
export const INFANT_DEATH_PROBABILITY = 0.003;

/**
 * Annual chance of a first birth for a childless woman. Married couples in China mostly have their first
 * child within two years of marriage; the wish to have one has weakened since the late 2010s.
 */
export function firstBirthProbability(age: number, year: number, married: boolean): number {
  if (age < 15 || age > 49) return 0;
  let chance = age < 20 ? 0.3 : age < 30 ? 0.55 : age < 35 ? 0.35 : age < 40 ? 0.12 : age < 45 ? 0.03 : 0.003;
  if (year >= 2018) chance *= Math.max(0.7, 1 - 0.04 * (year - 2017));
  // Births outside marriage are rare in China's registers (well under 2%).
  return married ? chance : chance * 0.004;
}

/** Relative fertility by 5-year age group (15–19 … 45–49) for a woman with 1, 2 and 3+ children. */
const LATER_FERTILITY_BY_PARITY: readonly (readonly number[])[] = [
  [0.01, 0.3, 0.8, 1.0, 0.45, 0.08, 0.005],
  [0.0, 0.05, 0.3, 0.8, 1.0, 0.3, 0.02],
  [0.0, 0.02, 0.2, 0.6, 0.8, 0.3, 0.02],
];

/**
 * How likely a woman with `parity` ≥ 1 children is to have another in `year`, relative to a second birth
 * before 2014: the boom after the universal two-child policy (2016–2017) and the three-child policy (2021).
 */
function parityYearFactor(parity: number, year: number): number {
  if (parity === 1) {
    if (year <= 2013) return 0.6;
    if (year <= 2015) return 0.75;
    if (year <= 2017) return 1.3;
    if (year <= 2020) return 0.9;
    return 0.75;
  }
  if (parity === 2) return year >= 2021 ? 0.05 : 0.03;
  return 0.008;
}

/**
 * Ceiling on the yearly chance of another delivery by parity, whatever the scaling: when the two-child boom
 * has used up the women with one child, the birth rate falls short rather than third births soaring.
 */
export function laterBirthCeiling(parity: number): number {
  return parity === 1 ? 0.6 : parity === 2 ? 0.06 : 0.03;
}

/**
 * Unnormalised chance of another delivery this year for a woman with `parity` ≥ 1 children; the simulation
 * scales it so that all births meet the profile's crude birth rate.
 */
export function laterBirthWeight(age: number, parity: number, year: number, daysSinceLastDelivery: number, married: boolean): number {
  if (age < 15 || age > 49 || parity < 1) return 0;
  const group = Math.floor((age - 15) / 5);
  let weight = LATER_FERTILITY_BY_PARITY[Math.min(parity, 3) - 1]![group]! * parityYearFactor(parity, year);
  if (daysSinceLastDelivery < 365) weight *= 0.1;
  else if (daysSinceLastDelivery < 730) weight *= 0.5;
  return married ? weight : weight * 0.01;
}

/** Annual chance that a never-married woman marries, by age (legal minimum 20, Civil Code art. 1047). */
function firstMarriageHazard(age: number): number {
  if (age < 20) return 0;
  if (age < 22) return 0.15;
  if (age < 25) return 0.3;
  if (age < 28) return 0.35;
  if (age < 30) return 0.28;
  if (age < 35) return 0.15;
  if (age < 40) return 0.06;
  if (age <= 45) return 0.02;
  return 0;
}

/** Marriages relative to 2015 (China's registered first marriages, approximated); 1.15 before 2013, 0.5 after 2024. */
const MARRIAGE_YEAR_FACTOR: Readonly<Record<number, number>> = {
  2013: 1.15, 2014: 1.1, 2015: 1.0, 2016: 0.93, 2017: 0.88, 2018: 0.83, 2019: 0.77, 2020: 0.67, 2021: 0.62,
  2022: 0.57, 2023: 0.64, 2024: 0.51,
};

function marriageYearFactor(year: number): number {
  if (year < 2013) return 1.15;
  return MARRIAGE_YEAR_FACTOR[year] ?? 0.5;
}

export function marriageProbability(age: number, year: number): number {
  return firstMarriageHazard(age) * marriageYearFactor(year);
}
