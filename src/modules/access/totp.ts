/**
 * Time-based one-time passwords, the second factor of every sign-in outside demo mode (DOMAIN.md §8:
 * two factors, one cryptographic, for privileged access).
 * - HOTP (RFC 4226 §5): HMAC of an 8-byte big-endian counter, dynamic truncation, modulo 10^digits.
 * - TOTP (RFC 6238 §4): the counter is the number of whole periods since the Unix epoch.
 * Sign-in uses the parameters every authenticator app supports: HMAC-SHA-1, 6 digits, 30 seconds.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export type TotpAlgorithm = "sha1" | "sha256" | "sha512";

export interface TotpParameters {
  readonly algorithm: TotpAlgorithm;
  readonly digits: number;
  readonly periodSeconds: number;
}

export const TOTP_DEFAULTS: TotpParameters = { algorithm: "sha1", digits: 6, periodSeconds: 30 };

/** RFC 4226 §4 requires at least 128 bits and recommends 160. */
const SECRET_BYTES = 20;

/**
 * Codes one period either side of the server's clock are accepted (RFC 6238 §5.2 recommends at most one
 * step of network delay), which also absorbs a phone clock that is a few seconds off.
 */
const ACCEPTED_DRIFT_STEPS = 1;

export function createTotpSecret(): Uint8Array {
  return randomBytes(SECRET_BYTES);
}

/** RFC 4226 §5.3. */
export function generateHotp(secret: Uint8Array, counter: number, digits: number, algorithm: TotpAlgorithm): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary =
    ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

/** The RFC 6238 time step T = floor(unix seconds / period). */
export function totpStepAt(time: Date, periodSeconds: number = TOTP_DEFAULTS.periodSeconds): number {
  return Math.floor(time.getTime() / 1000 / periodSeconds);
}

export function generateTotp(secret: Uint8Array, time: Date, parameters: TotpParameters = TOTP_DEFAULTS): string {
  return generateHotp(secret, totpStepAt(time, parameters.periodSeconds), parameters.digits, parameters.algorithm);
}

/**
 * The time step whose code equals `code`, searching the accepted drift around `time`, or undefined.
 * Steps at or before `usedStep` never match: a code that already signed someone in cannot be replayed
 * (RFC 6238 §5.2, "the verifier MUST NOT accept the second attempt of the OTP after the successful
 * validation has been issued for the first OTP").
 */
export function matchTotp(
  secret: Uint8Array,
  code: string,
  time: Date,
  options: { readonly usedStep?: number | null; readonly parameters?: TotpParameters } = {},
): number | undefined {
  const parameters = options.parameters ?? TOTP_DEFAULTS;
  const given = code.replace(/\s/g, "");
  if (!new RegExp(`^[0-9]{${parameters.digits}}$`).test(given)) return undefined;
  const now = totpStepAt(time, parameters.periodSeconds);
  let matched: number | undefined;
  // Every candidate is compared, so the time taken does not reveal which step matched.
  for (let step = now - ACCEPTED_DRIFT_STEPS; step <= now + ACCEPTED_DRIFT_STEPS; step++) {
    const expected = generateHotp(secret, step, parameters.digits, parameters.algorithm);
    const equal = timingSafeEqual(Buffer.from(expected), Buffer.from(given));
    if (equal && (options.usedStep === undefined || options.usedStep === null || step > options.usedStep)) {
      matched ??= step;
    }
  }
  return matched;
}

/**
 * The Key URI an authenticator app scans from a QR code
 * (otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=…, Google Authenticator "Key Uri Format").
 */
export function otpauthUri(input: { readonly issuer: string; readonly account: string; readonly secretBase32: string }): string {
  const label = `${encodeURIComponent(input.issuer)}:${encodeURIComponent(input.account)}`;
  const query = new URLSearchParams({
    secret: input.secretBase32,
    issuer: input.issuer,
    algorithm: TOTP_DEFAULTS.algorithm.toUpperCase(),
    digits: String(TOTP_DEFAULTS.digits),
    period: String(TOTP_DEFAULTS.periodSeconds),
  });
  return `otpauth://totp/${label}?${query.toString()}`;
}
