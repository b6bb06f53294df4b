/**
 * Base32 (RFC 4648 §6, alphabet A–Z 2–7), the encoding authenticator apps expect for TOTP secrets
 * (Google Authenticator's Key URI Format). Encoding omits the '=' padding, as otpauth:// URIs do; decoding
 * accepts it, lower case, and the spaces people type when copying a secret by hand.
 */
import { fail, ok, type Result } from "../../kernel/result.ts";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function encodeBase32(bytes: Uint8Array, options: { readonly pad?: boolean } = {}): string {
  let output = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      output += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) output += ALPHABET[(buffer << (5 - bits)) & 31];
  if (options.pad) while (output.length % 8 !== 0) output += "=";
  return output;
}

export type Base32Reason = "base32_bad_character" | "base32_bad_length";

export function decodeBase32(text: string): Result<Uint8Array, Base32Reason> {
  const cleaned = text.replace(/[\s-]/g, "").replace(/=+$/, "").toUpperCase();
  // 1, 3 and 6 leftover characters cannot come from whole bytes (RFC 4648 §6: 8, 2, 4, 5 or 7 characters).
  if ([1, 3, 6].includes(cleaned.length % 8)) return fail("base32_bad_length");
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const character of cleaned) {
    const value = ALPHABET.indexOf(character);
    if (value === -1) return fail("base32_bad_character", character);
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return ok(Uint8Array.from(bytes));
}
