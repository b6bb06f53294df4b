import type { FieldSpec, FieldType } from "../model.ts";

/**
 * The FEBRL benchmark files (shared/datasets/febrl, Christen's synthetic generator): where they are, how their
 * fields map to renkou's field types, and their ground truth, which is encoded in `rec_id`
 * (`rec-<n>-org`, `rec-<n>-dup-<k>`: same <n>, same person).
 */
export const FEBRL_DIR = new URL("../../../../../shared/datasets/febrl/", import.meta.url).pathname;

const COLUMNS: ReadonlyArray<readonly [string, FieldType]> = [
  ["given_name", "name"],
  ["surname", "name"],
  ["date_of_birth", "date"],
  ["soc_sec_id", "identifier"],
  ["street_number", "code"],
  ["address_1", "text"],
  ["address_2", "text"],
  ["suburb", "text"],
  ["postcode", "code"],
  ["state", "code"],
];

export const FEBRL_FIELDS: readonly FieldSpec[] = COLUMNS.map(([column, type]) => ({
  name: column,
  leftColumn: column,
  rightColumn: column,
  type,
}));

/** `--field` flags for the CLI, one per compared column. */
export const FEBRL_FIELD_FLAGS: readonly string[] = COLUMNS.flatMap(([column, type]) => ["--field", `${column}:${type}`]);

function personOf(recordId: string): string {
  return recordId.split("-")[1] ?? recordId;
}

/** True pairs: within one file every two records of the same person; across two files, same person. */
export function findFebrlTruePairs(leftIds: readonly string[], rightIds?: readonly string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  if (rightIds !== undefined) {
    const rightByPerson = new Map<string, string[]>();
    for (const id of rightIds) rightByPerson.set(personOf(id), [...(rightByPerson.get(personOf(id)) ?? []), id]);
    for (const id of leftIds) for (const right of rightByPerson.get(personOf(id)) ?? []) pairs.push([id, right]);
    return pairs;
  }
  const byPerson = new Map<string, string[]>();
  for (const id of leftIds) byPerson.set(personOf(id), [...(byPerson.get(personOf(id)) ?? []), id]);
  for (const members of byPerson.values()) {
    for (let a = 0; a < members.length; a++) for (let b = a + 1; b < members.length; b++) pairs.push([members[a]!, members[b]!]);
  }
  return pairs;
}
