import { describe, expect, it } from "vitest";
import { CIVIL_DATE_REASONS, EARLIEST_CIVIL_YEAR, LATEST_CIVIL_YEAR } from "./dates.ts";
import { KERNEL_MESSAGES, KERNEL_REASONS, isKernelReason } from "./messages.ts";
import { RESIDENT_ID_REASONS } from "./resident-id.ts";
import { SEX_REASONS } from "./sex.ts";

const HAN = /\p{Script=Han}/u;

describe("KERNEL_MESSAGES", () => {
  it("covers the reason codes of every kernel parser", () => {
    const codes = new Set([...RESIDENT_ID_REASONS, ...CIVIL_DATE_REASONS, ...SEX_REASONS]);
    expect(new Set(KERNEL_REASONS)).toEqual(codes);
  });

  it.each([...KERNEL_REASONS])("has a Chinese and an English message for %s", (reason) => {
    const message = KERNEL_MESSAGES[reason];
    expect(message.zh).toMatch(HAN);
    expect(message.en.trim()).not.toBe("");
    expect(message.en).toMatch(/^[A-Z]/);
  });

  it("has no message for a code no parser returns", () => {
    expect(Object.keys(KERNEL_MESSAGES).sort()).toEqual([...KERNEL_REASONS].sort());
  });

  it("states the accepted year range that the date parser enforces", () => {
    expect(KERNEL_MESSAGES.out_of_range.en).toContain(`${EARLIEST_CIVIL_YEAR} to ${LATEST_CIVIL_YEAR}`);
    expect(KERNEL_MESSAGES.out_of_range.zh).toContain(`${EARLIEST_CIVIL_YEAR} 年至 ${LATEST_CIVIL_YEAR} 年`);
  });
});

describe("isKernelReason", () => {
  it.each([
    ["bad_checksum", true],
    ["empty", true],
    ["unrecognised_sex", true],
    ["toString", false],
    ["division_code_empty", false],
    ["", false],
  ])("says %j is a kernel reason: %s", (code, expected) => {
    expect(isKernelReason(code)).toBe(expected);
  });
});
