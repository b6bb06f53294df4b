import type { RegistryStandardField } from "../../api/client.ts";

/**
 * The mapping editor's state: the columns the user mapped by hand, header → standard field, or null for
 * "do not import this column" (it stays in the raw record). The server takes them as `HEADER=field` strings
 * (`HEADER=-` ignores a column), exactly as `renkou import --map` does.
 */
export type MappingChoices = Readonly<Record<string, RegistryStandardField | null>>;

/** What the dictionary alone (no overrides) does with each header: the baseline a choice is compared with. */
export type DictionaryMapping = Readonly<Record<string, RegistryStandardField | null>>;

/** `HEADER=field` / `HEADER=-` strings in the order of `headers` (the file's), for the API's `map` parameter. */
export function toMapStrings(choices: MappingChoices, headers: readonly string[]): string[] {
  return headers.flatMap((header) => (header in choices ? [`${header}=${choices[header] ?? "-"}`] : []));
}

/** The inverse of `toMapStrings`; the header is everything before the last `=` (headers may contain one). */
export function parseMapStrings(strings: readonly string[], isField: (text: string) => text is RegistryStandardField): MappingChoices {
  const choices: Record<string, RegistryStandardField | null> = {};
  for (const text of strings) {
    const equals = text.lastIndexOf("=");
    if (equals <= 0) continue;
    const target = text.slice(equals + 1).trim();
    if (target === "" || target === "-") choices[text.slice(0, equals)] = null;
    else if (isField(target)) choices[text.slice(0, equals)] = target;
  }
  return choices;
}

/**
 * The choices after the user picks `field` (null: ignore) for `header`. Picking what the dictionary gives
 * anyway removes the override; a field another override held moves to this header (the server refuses two
 * overrides naming one field), and the other column falls back to the dictionary.
 */
export function chooseField(choices: MappingChoices, dictionary: DictionaryMapping, header: string, field: RegistryStandardField | null): MappingChoices {
  const next: Record<string, RegistryStandardField | null> = {};
  for (const [other, chosen] of Object.entries(choices)) {
    if (other === header) continue;
    if (field !== null && chosen === field) continue;
    next[other] = chosen;
  }
  if ((dictionary[header] ?? null) !== field) next[header] = field;
  return next;
}

export const PERSON_ROLE_PREFIXES = ["mother", "child", "father", "spouse"] as const;
export type PersonRolePrefix = (typeof PERSON_ROLE_PREFIXES)[number];

/** A standard field's parts for its label: `mother_id_number` → role mother, base `id_number` (母亲 + 身份证号码). */
export function fieldLabelParts(field: RegistryStandardField): { readonly role: PersonRolePrefix | undefined; readonly base: string } {
  for (const role of PERSON_ROLE_PREFIXES) {
    if (field.startsWith(`${role}_`)) return { role, base: field.slice(role.length + 1) };
  }
  return { role: undefined, base: field };
}
