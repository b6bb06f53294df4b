import type { AlertNumbers } from "./model.ts";
import { SUPPRESSED } from "./small-cell-suppression.ts";

/**
 * The counts inside an alert's numbers (detect-srb-alerts.ts), each with the fields that would reveal it:
 * all fields of a group are withheld when its births (boys + girls) are under the suppression threshold.
 * A funnel alarm always has enough births (it needs at least 11 to reach p ≤ 0.001); a county's month of
 * third births may not.
 */
const COUNT_GROUPS: ReadonlyArray<{ readonly boys: string; readonly girls: string; readonly fields: readonly string[] }> = [
  { boys: "boys", girls: "girls", fields: ["boys", "girls", "births", "srb", "ciLow", "ciHigh"] },
  { boys: "runBoys", girls: "runGirls", fields: ["runBoys", "runGirls", "runSrb"] },
  { boys: "monthBoys", girls: "monthGirls", fields: ["monthBoys", "monthGirls", "monthSrb"] },
];

export function suppressAlertNumbers(numbers: AlertNumbers, threshold: number): AlertNumbers {
  const copy = { ...numbers };
  for (const group of COUNT_GROUPS) {
    const boys = numbers[group.boys];
    const girls = numbers[group.girls];
    if (typeof boys !== "number" || typeof girls !== "number") continue;
    if (boys + girls < threshold) for (const field of group.fields) if (field in copy) copy[field] = SUPPRESSED;
  }
  return copy;
}

