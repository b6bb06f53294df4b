/**
 * Expected failures are values, not exceptions (STYLE.md "Errors"): a parser returns either the parsed
 * value or a stable reason code that the caller can show, count or store.
 */
export type Result<T, Reason extends string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: Reason; readonly detail?: string };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function fail<Reason extends string>(
  reason: Reason,
  detail?: string,
): { readonly ok: false; readonly reason: Reason; readonly detail?: string } {
  return detail === undefined ? { ok: false, reason } : { ok: false, reason, detail };
}

/** A user-facing message in both console languages. */
export interface LocalisedMessage {
  readonly zh: string;
  readonly en: string;
}
