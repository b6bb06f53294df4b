import { describe, expect, it } from "vitest";
import { formatInformation, versionInformation } from "./bch-information.ts";

describe("formatInformation", () => {
  // ISO/IEC 18004:2015 Annex C, Table C.1 (level M rows), after XOR with 101010000010010.
  it.each([
    [0, "101010000010010"],
    [1, "101000100100101"],
    [2, "101111001111100"],
    [3, "101101101001011"],
    [4, "100010111111001"],
    [5, "100000011001110"],
    [6, "100111110010111"],
    [7, "100101010100000"],
  ])("encodes level M with mask %i as %s", (mask, bits) => {
    expect(formatInformation(mask).toString(2).padStart(15, "0")).toBe(bits);
  });
});

describe("versionInformation", () => {
  // ISO/IEC 18004:2015 Annex D, Table D.1.
  it.each([
    [7, "000111110010010100"],
    [8, "001000010110111100"],
    [9, "001001101010011001"],
    [10, "001010010011010011"],
  ])("encodes version %i as %s", (version, bits) => {
    expect(versionInformation(version).toString(2).padStart(18, "0")).toBe(bits);
  });
});
