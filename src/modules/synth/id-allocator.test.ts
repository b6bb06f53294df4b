import { describe, expect, it } from "vitest";
import { computeCheckCharacter } from "../../kernel/resident-id-check.ts";
import { daysFromCivil } from "./civil-date.ts";
import { findLegacyId, formatResidentId, IdAllocator } from "./id-allocator.ts";
import { Random } from "./random.ts";

describe("IdAllocator", () => {
  it("issues unique, checksum-valid IDs whose sequence parity matches the sex", () => {
    const ids = new IdAllocator(Random.derive(1, "ids"), 10);
    const seen = new Set<string>();
    const wrong: string[] = [];
    const birthDay = daysFromCivil(1985, 6, 15);
    for (let i = 0; i < 900; i++) {
      const sex = i % 2 === 0 ? 1 : 2;
      const id = ids.allocate(370402, birthDay, sex);
      const valid = /^37040219850615\d{3}[\dX]$/.test(id) && id[17] === computeCheckCharacter(id.slice(0, 17));
      if (!valid || Number(id[16]) % 2 !== (sex === 1 ? 1 : 0)) wrong.push(id);
      seen.add(id);
    }
    expect(wrong).toEqual([]);
    expect(seen.size).toBe(900);
  });

  it("formats the DOMAIN.md test vector", () => {
    expect(formatResidentId(370402, daysFromCivil(2020, 1, 1), 1)).toBe("370402202001010010");
  });
});

describe("findLegacyId", () => {
  it("gives the 15-digit form of a 1900s number (DOMAIN.md §1 vector)", () => {
    expect(findLegacyId("370402198506150028")).toBe("370402850615002");
  });

  it("gives nothing for people born in 2000 or later", () => {
    expect(findLegacyId("370402202001010010")).toBeUndefined();
  });
});
