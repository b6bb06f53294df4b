import type { Count, Estimate } from "../../../src/modules/surveillance/model.ts";

/**
 * How the surveillance page writes numbers: counts grouped the local way, ratios with one decimal, p-values
 * with three significant digits; NA (null) as "—", a withheld cell (under 10 births) as the given word.
 */
export function formatCount(value: Count, locale: string, withheld: string): string {
  return value === "suppressed" ? withheld : value.toLocaleString(locale);
}

export function formatRatio(value: Estimate, withheld: string, digits = 1): string {
  if (value === "suppressed") return withheld;
  return value === null ? "—" : value.toFixed(digits);
}

export function formatInterval(low: Estimate, high: Estimate, withheld: string): string {
  if (low === "suppressed" || high === "suppressed") return withheld;
  return low === null || high === null ? "—" : `${low.toFixed(1)}–${high.toFixed(1)}`;
}

export function formatPValue(value: Estimate, withheld: string): string {
  if (value === "suppressed") return withheld;
  if (value === null) return "—";
  return value < 0.0001 ? value.toExponential(1) : value.toFixed(4);
}

/** A chart's value: the number, or null (a gap) when NA or withheld. */
export function chartValue(value: Estimate | Count): number | null {
  return typeof value === "number" ? value : null;
}
