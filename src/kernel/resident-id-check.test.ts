import { describe, expect, it } from "vitest";
import { computeCheckCharacter } from "./resident-id-check.ts";

/** First 17 digits of synthetic numbers: the DOMAIN.md §1 vectors and a few patterned ones. */
const BODIES = [
  "11010519491231002",
  "44052418800101001",
  "37040220200101001",
  "37040219850615002",
  "37048119991231123",
  "37040620010228457",
  "12345678901234567",
  "98765432109876543",
  "00000000000000000",
  "99999999999999999",
];

describe("computeCheckCharacter (GB 11643-1999, ISO 7064 MOD 11-2)", () => {
  it.each([
    ["11010519491231002", "X"],
    ["44052418800101001", "4"],
    ["37040220200101001", "0"],
    ["37040219850615002", "8"],
    ["00000000000000000", "1"],
  ])("gives %s the check character %s", (body, expected) => {
    expect(computeCheckCharacter(body)).toBe(expected);
  });

  it.each(["", "1101051949123100", "110105194912310021", "1101051949123100X", "１１０１０５１９４９１２３１００２"])(
    "throws for %j, which is not 17 ASCII digits",
    (body) => {
      expect(() => computeCheckCharacter(body)).toThrow();
    },
  );

  it("changes under every single-digit substitution", () => {
    const undetected: string[] = [];
    for (const body of BODIES) {
      const check = computeCheckCharacter(body);
      for (let position = 0; position < 17; position++) {
        for (const digit of "0123456789") {
          const mutated = body.slice(0, position) + digit + body.slice(position + 1);
          if (mutated !== body && computeCheckCharacter(mutated) === check) undetected.push(mutated);
        }
      }
    }
    expect(undetected).toEqual([]);
  });

  it("changes under every transposition of two adjacent differing digits", () => {
    const undetected: string[] = [];
    for (const body of BODIES) {
      const check = computeCheckCharacter(body);
      for (let position = 0; position < 16; position++) {
        const pair = body.charAt(position + 1) + body.charAt(position);
        const swapped = body.slice(0, position) + pair + body.slice(position + 2);
        if (swapped !== body && computeCheckCharacter(swapped) === check) undetected.push(swapped);
      }
    }
    expect(undetected).toEqual([]);
  });

  it("lets some two-digit substitutions through, as any single check character must", () => {
    const body = BODIES[0]!;
    const check = computeCheckCharacter(body);
    let undetected = 0;
    for (const first of "0123456789") {
      for (const second of "0123456789") {
        const mutated = first + second + body.slice(2);
        if (mutated !== body && computeCheckCharacter(mutated) === check) undetected++;
      }
    }
    expect(undetected).toBeGreaterThan(0);
  });
});
