/**
 * Boys and girls born in one cell (a region, a period, a birth order): the unit every surveillance
 * statistic works on. Counts are non-negative integers; anything else is a programming error, because
 * parsers reject such rows before they reach the statistics.
 */
export interface BirthCounts {
  readonly boys: number;
  readonly girls: number;
}

export function assertBirthCounts(boys: number, girls: number): void {
  if (!(Number.isInteger(boys) && boys >= 0 && Number.isInteger(girls) && girls >= 0)) {
    throw new Error(`birth counts must be non-negative integers (boys=${boys}, girls=${girls})`);
  }
}
