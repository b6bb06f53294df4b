/**
 * The region the page opens with: the demo city 枣庄市 (3704) when the user may see it, otherwise the first
 * jurisdiction in which the user may read aggregates (a county user opens on the county).
 */
export const DEFAULT_CITY = "3704";

const AGGREGATE_ROLES: ReadonlySet<string> = new Set(["analyst", "case_worker", "programme_staff"]);

export function defaultRegionOf(grants: ReadonlyArray<{ readonly role: string; readonly jurisdiction: string }>): string {
  const jurisdictions = grants.filter((grant) => AGGREGATE_ROLES.has(grant.role)).map((grant) => grant.jurisdiction);
  if (jurisdictions.length === 0 || jurisdictions.some((code) => DEFAULT_CITY.startsWith(code))) return DEFAULT_CITY;
  return [...jurisdictions].sort((a, b) => a.length - b.length || a.localeCompare(b))[0]!;
}
