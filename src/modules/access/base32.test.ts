import { describe, expect, it } from "vitest";
import { decodeBase32, encodeBase32 } from "./base32.ts";

// RFC 4648 §10 test vectors.
const VECTORS: ReadonlyArray<readonly [string, string]> = [
  ["", ""],
  ["f", "MY======"],
  ["fo", "MZXQ===="],
  ["foo", "MZXW6==="],
  ["foob", "MZXW6YQ="],
  ["fooba", "MZXW6YTB"],
  ["foobar", "MZXW6YTBOI======"],
];

describe("base32", () => {
  it.each(VECTORS)("encodes %j as %s (RFC 4648 §10)", (plain, encoded) => {
    expect(encodeBase32(new TextEncoder().encode(plain), { pad: true })).toBe(encoded);
  });

  it.each(VECTORS)("decodes %j back from %s", (plain, encoded) => {
    const decoded = decodeBase32(encoded);
    expect(decoded.ok && new TextDecoder().decode(decoded.value)).toBe(plain);
  });

  it("omits padding unless asked", () => {
    expect(encodeBase32(new TextEncoder().encode("foobar"))).toBe("MZXW6YTBOI");
  });

  it("accepts lower case, spaces and hyphens as people copy secrets", () => {
    const decoded = decodeBase32("mzxw 6ytb-oi");
    expect(decoded.ok && new TextDecoder().decode(decoded.value)).toBe("foobar");
  });

  it("rejects characters outside the alphabet", () => {
    expect(decodeBase32("MZXW1")).toMatchObject({ ok: false, reason: "base32_bad_character", detail: "1" });
  });

  it("rejects lengths no whole number of bytes produces", () => {
    expect(decodeBase32("MZX")).toMatchObject({ ok: false, reason: "base32_bad_length" });
  });

  it("round-trips random bytes of every length up to 40", () => {
    for (let length = 0; length <= 40; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 73 + length * 31) & 0xff);
      const decoded = decodeBase32(encodeBase32(bytes));
      expect(decoded.ok && Array.from(decoded.value)).toEqual(Array.from(bytes));
    }
  });
});
