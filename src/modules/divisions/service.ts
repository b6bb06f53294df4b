/** Use cases on the division reference table: look up by code, browse, and resolve a name path. */
import type { Db } from "../../db/database.ts";
import { ancestorsOf, parseDivisionCode } from "../../kernel/divisions.ts";
import type { Division, DivisionWithAncestors, NamePathResolution } from "./model.ts";
import { splitNamePath } from "./name-path.ts";
import { findDescendantsByName, findDivision, findDivisions } from "./store.ts";

export async function findDivisionWithAncestors(db: Db, rawCode: string): Promise<DivisionWithAncestors | undefined> {
  const parsed = parseDivisionCode(rawCode);
  if (!parsed.ok) return undefined;
  const division = await findDivision(db, parsed.value.code);
  if (!division) return undefined;
  const ancestorCodes = ancestorsOf(parsed.value.code).filter((code) => code !== division.code);
  const ancestors = await findDivisions(db, ancestorCodes);
  return { division, ancestors: ancestors.sort((a, b) => a.code.length - b.code.length) };
}

/**
 * Resolves '山东省/枣庄市/山亭区/店子镇' (or the same without separators) to divisions, each looked up
 * below the previous match. A path may start below the province ('山亭区店子镇').
 */
export async function resolveNamePath(db: Db, path: string): Promise<NamePathResolution> {
  const segments = splitNamePath(path);
  const matched: Division[] = [];
  let ambiguous = false;
  for (let i = 0; i < segments.length; i++) {
    const candidates = await findDescendantsByName(db, segments[i]!, matched.at(-1)?.code ?? null);
    if (candidates.length === 0) return { segments, matched, unresolved: segments.slice(i), ambiguous };
    const shallowest = candidates.filter((candidate) => candidate.code.length === candidates[0]!.code.length);
    if (shallowest.length > 1) ambiguous = true;
    matched.push(candidates[0]!);
  }
  return { segments, matched, unresolved: [], ambiguous };
}
