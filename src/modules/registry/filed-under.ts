/**
 * Where a stored or quarantined row is filed for jurisdiction checks: its division code when that is a code
 * inside its county (6, 9 or 12 digits), else its county, else nowhere. The service layer decides with this;
 * row-level security decides with its SQL twin `renkou_filed_under` (migration 0025), and
 * filed-under.test.ts holds the two to the same answers.
 */
const UNKNOWN_REGION = "000000";
const DIVISION_INSIDE_COUNTY = /^[0-9]{6}(?:[0-9]{3}){0,2}$/;

export function filedUnder(divisionCode: string | null, regionCode: string | null): string | null {
  if (regionCode === null || regionCode === UNKNOWN_REGION) return null;
  if (divisionCode !== null && DIVISION_INSIDE_COUNTY.test(divisionCode) && divisionCode.startsWith(regionCode)) return divisionCode;
  return regionCode;
}
