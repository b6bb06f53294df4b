import type { Problem, RegistryIssueMessage } from "../../api/client.ts";

/** The character the server masks personal fields with (src/kernel/masking.ts). */
const MASK = "*";

export interface Corrections {
  /** Only the cells the user changed: the server keeps every other cell as stored. */
  readonly cells: Record<string, string>;
  /** Changed cells that still hold the mask: the user edited a masked value instead of retyping it whole. */
  readonly partlyMasked: string[];
}

/**
 * What to send to the resubmit endpoint. Quarantined rows arrive masked, so an untouched cell must not be
 * sent back (it would overwrite the real value with its mask); a masked value has to be retyped in full.
 */
export function correctionsOf(original: Readonly<Record<string, string>>, edited: Readonly<Record<string, string>>): Corrections {
  const cells: Record<string, string> = {};
  const partlyMasked: string[] = [];
  for (const [header, before] of Object.entries(original)) {
    const after = edited[header];
    if (after === undefined || after === before) continue;
    cells[header] = after;
    if (before.includes(MASK) && after.includes(MASK)) partlyMasked.push(header);
  }
  return { cells, partlyMasked };
}

/** The row issues a 422 `row_still_invalid` answer carries (`issues`), or none when the body has none. */
export function issuesOfProblem(problem: Problem): RegistryIssueMessage[] {
  const issues = (problem as Problem & { readonly issues?: unknown }).issues;
  if (!Array.isArray(issues)) return [];
  return issues.filter(
    (issue): issue is RegistryIssueMessage =>
      typeof issue === "object" &&
      issue !== null &&
      typeof (issue as Record<string, unknown>).code === "string" &&
      typeof (issue as Record<string, unknown>).zh === "string" &&
      typeof (issue as Record<string, unknown>).en === "string",
  );
}
