/**
 * The server's password rule (src/modules/access/password-hash.ts `checkPasswordRule`), checked as the user
 * types so the form can say what is missing before it is sent. The server stays the judge: it checks again.
 * Kept in step by password-rules.test.ts, which runs the same cases through both.
 */

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

export type PasswordCheck = "length" | "classes" | "username";

export interface PasswordCheckResult {
  readonly check: PasswordCheck;
  readonly met: boolean;
}

const CHARACTER_CLASSES = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u];

/** Each part of the rule and whether `password` meets it (an empty password meets none). */
export function checkPassword(password: string, username: string): readonly PasswordCheckResult[] {
  const length = Array.from(password).length;
  const classes = CHARACTER_CLASSES.filter((pattern) => pattern.test(password)).length;
  const name = username.trim().toLowerCase();
  return [
    { check: "length", met: length >= MIN_PASSWORD_LENGTH && length <= MAX_PASSWORD_LENGTH },
    { check: "classes", met: classes >= 3 },
    { check: "username", met: password !== "" && (name.length < 3 || !password.toLowerCase().includes(name)) },
  ];
}

export function meetsPasswordRule(password: string, username: string): boolean {
  return checkPassword(password, username).every((result) => result.met);
}
