import { describe, expect, it } from "vitest";
import { createTotpSecret, generateHotp, generateTotp, matchTotp, otpauthUri, type TotpAlgorithm } from "./totp.ts";

const ascii = (text: string) => new TextEncoder().encode(text);

// RFC 6238 Appendix B: the seeds are the ASCII digits "1234567890" repeated to the hash's block-friendly length.
const SEEDS: Record<TotpAlgorithm, Uint8Array> = {
  sha1: ascii("12345678901234567890"),
  sha256: ascii("12345678901234567890123456789012"),
  sha512: ascii("1234567890123456789012345678901234567890123456789012345678901234"),
};

const APPENDIX_B: ReadonlyArray<readonly [number, string, TotpAlgorithm]> = [
  [59, "94287082", "sha1"],
  [59, "46119246", "sha256"],
  [59, "90693936", "sha512"],
  [1111111109, "07081804", "sha1"],
  [1111111109, "68084774", "sha256"],
  [1111111109, "25091201", "sha512"],
  [1111111111, "14050471", "sha1"],
  [1111111111, "67062674", "sha256"],
  [1111111111, "99943326", "sha512"],
  [1234567890, "89005924", "sha1"],
  [1234567890, "91819424", "sha256"],
  [1234567890, "93441116", "sha512"],
  [2000000000, "69279037", "sha1"],
  [2000000000, "90698825", "sha256"],
  [2000000000, "38618901", "sha512"],
  [20000000000, "65353130", "sha1"],
  [20000000000, "77737706", "sha256"],
  [20000000000, "47863826", "sha512"],
];

describe("generateTotp", () => {
  it.each(APPENDIX_B)("gives the RFC 6238 Appendix B code at T=%i: %s (%s)", (seconds, code, algorithm) => {
    const parameters = { algorithm, digits: 8, periodSeconds: 30 };
    expect(generateTotp(SEEDS[algorithm], new Date(seconds * 1000), parameters)).toBe(code);
  });
});

describe("generateHotp", () => {
  // RFC 4226 Appendix D, counters 0–9 with the SHA-1 seed.
  const RFC4226 = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
  it.each(RFC4226.map((code, counter) => [counter, code] as const))("gives the RFC 4226 code for counter %i", (counter, code) => {
    expect(generateHotp(SEEDS.sha1, counter, 6, "sha1")).toBe(code);
  });
});

describe("matchTotp", () => {
  const secret = SEEDS.sha1;
  const now = new Date(1111111111 * 1000);
  const step = Math.floor(1111111111 / 30);
  const codeAt = (offsetSteps: number) => generateTotp(secret, new Date(now.getTime() + offsetSteps * 30_000));

  it("accepts the current code and returns its step", () => {
    expect(matchTotp(secret, codeAt(0), now)).toBe(step);
  });

  it.each([-1, 1])("accepts a code %i step away (clock drift)", (offset) => {
    expect(matchTotp(secret, codeAt(offset), now)).toBe(step + offset);
  });

  it.each([-2, 2, 10])("rejects a code %i steps away", (offset) => {
    expect(matchTotp(secret, codeAt(offset), now)).toBeUndefined();
  });

  it("rejects a code whose step was already used (no replay)", () => {
    expect(matchTotp(secret, codeAt(0), now, { usedStep: step })).toBeUndefined();
    expect(matchTotp(secret, codeAt(1), now, { usedStep: step })).toBe(step + 1);
  });

  it.each(["", "12345", "1234567", "abcdef", "12 34 5x"])("rejects the malformed code %j", (code) => {
    expect(matchTotp(secret, code, now)).toBeUndefined();
  });

  it("accepts a code typed with a space in the middle", () => {
    const code = codeAt(0);
    expect(matchTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBe(step);
  });

  it("rejects the right code for another secret", () => {
    expect(matchTotp(createTotpSecret(), codeAt(0), now)).toBeUndefined();
  });
});

describe("createTotpSecret", () => {
  it("makes 160-bit secrets that differ", () => {
    const a = createTotpSecret();
    expect(a).toHaveLength(20);
    expect(Buffer.from(a).equals(Buffer.from(createTotpSecret()))).toBe(false);
  });
});

describe("otpauthUri", () => {
  it("builds the Key URI authenticator apps scan, with the label escaped", () => {
    const uri = otpauthUri({ issuer: "renkou 人口", account: "li.wei", secretBase32: "MZXW6YTBOI" });
    expect(uri).toBe(
      "otpauth://totp/renkou%20%E4%BA%BA%E5%8F%A3:li.wei?secret=MZXW6YTBOI&issuer=renkou+%E4%BA%BA%E5%8F%A3&algorithm=SHA1&digits=6&period=30",
    );
  });
});
