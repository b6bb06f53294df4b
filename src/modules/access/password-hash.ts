/**
 * Password storage and the password rule.
 *
 * Hashing: scrypt (RFC 7914, node:crypto) with a random 16-byte salt, stored in the PHC string format
 * `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` (base64 without padding) so the cost can be raised later without
 * invalidating stored hashes: verification reads the parameters from the string. N = 2^15, r = 8, p = 1 is
 * the cost OWASP's Password Storage Cheat Sheet gives for scrypt (about 32 MiB and 50–100 ms per hash).
 *
 * Rule (MLPS 2.0 level 3 asks for "complex" passwords; GB/T 22239-2019 §8.1.4.1): at least 10 characters
 * from at least three of lower case, upper case, digits and other characters, and not containing the
 * user name.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { fail, ok, type LocalisedMessage, type Result } from "../../kernel/result.ts";

export interface ScryptCost {
  /** log2 of N, the CPU/memory cost. */
  readonly ln: number;
  readonly r: number;
  readonly p: number;
}

export const DEFAULT_SCRYPT_COST: ScryptCost = { ln: 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const PHC_PATTERN = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function deriveKey(password: string, salt: Buffer, cost: ScryptCost, length: number): Promise<Buffer> {
  const N = 2 ** cost.ln;
  // Node refuses scrypt above maxmem (default 32 MiB); 128·N·r is the memory scrypt needs, doubled for slack.
  const options: ScryptOptions = { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r };
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize("NFC"), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

const toBase64 = (bytes: Buffer) => bytes.toString("base64").replace(/=+$/, "");

export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveKey(password, salt, cost, KEY_BYTES);
  return `$scrypt$ln=${cost.ln},r=${cost.r},p=${cost.p}$${toBase64(salt)}$${toBase64(key)}`;
}

/** False for a wrong password and for a stored value that is not a hash this code wrote. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = PHC_PATTERN.exec(stored);
  if (!match) return false;
  const cost = { ln: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  const salt = Buffer.from(match[4]!, "base64");
  const expected = Buffer.from(match[5]!, "base64");
  if (cost.ln < 1 || cost.ln > 20 || expected.length < 16) return false;
  const key = await deriveKey(password, salt, cost, expected.length);
  return timingSafeEqual(key, expected);
}

/**
 * A hash of a random password, for comparing against when the user name does not exist, so that an
 * unknown user takes as long to refuse as a wrong password (no user enumeration by timing).
 */
export function decoyPasswordHash(cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<string> {
  return hashPassword(randomBytes(16).toString("hex"), cost);
}

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

export type PasswordReason =
  | "password_too_short"
  | "password_too_long"
  | "password_too_simple"
  | "password_contains_username";

export const PASSWORD_MESSAGES: Readonly<Record<PasswordReason, LocalisedMessage>> = {
  password_too_short: {
    zh: `密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符`,
    en: `A password needs at least ${MIN_PASSWORD_LENGTH} characters`,
  },
  password_too_long: {
    zh: `密码不能超过 ${MAX_PASSWORD_LENGTH} 个字符`,
    en: `A password may have at most ${MAX_PASSWORD_LENGTH} characters`,
  },
  password_too_simple: {
    zh: "密码需包含小写字母、大写字母、数字、其他字符中的至少三类",
    en: "A password needs at least three of: lower-case letters, upper-case letters, digits, other characters",
  },
  password_contains_username: {
    zh: "密码不能包含用户名",
    en: "A password may not contain the user name",
  },
};

const CHARACTER_CLASSES = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u];

export function checkPasswordRule(password: string, username: string): Result<void, PasswordReason> {
  const length = Array.from(password).length;
  if (length < MIN_PASSWORD_LENGTH) return fail("password_too_short");
  if (length > MAX_PASSWORD_LENGTH) return fail("password_too_long");
  if (CHARACTER_CLASSES.filter((pattern) => pattern.test(password)).length < 3) return fail("password_too_simple");
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    return fail("password_contains_username");
  }
  return ok(undefined);
}

const GENERATED_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

/**
 * A random password that satisfies the rule (demo users): 16 characters from an alphabet without look-alikes
 * (0/O, 1/l/I), about 93 bits, in four hyphenated groups so it can be read off a terminal.
 */
export function generatePassword(): string {
  for (;;) {
    const bytes = randomBytes(16);
    const characters = Array.from(bytes, (byte) => GENERATED_ALPHABET[byte % GENERATED_ALPHABET.length]!);
    const password = [0, 4, 8, 12].map((start) => characters.slice(start, start + 4).join("")).join("-");
    if (checkPasswordRule(password, "").ok && /\p{Ll}/u.test(password) && /\p{Lu}/u.test(password) && /\d/.test(password)) {
      return password;
    }
  }
}
