import { describe, expect, it } from "vitest";
import { isIsoDate, type IsoDate } from "./dates.ts";
import { computeCheckCharacter } from "./resident-id-check.ts";
import { hashResidentId, maskResidentId, normaliseResidentId, parseResidentId } from "./resident-id.ts";

const withCheck = (first17: string): string => first17 + computeCheckCharacter(first17);
const iso = (text: string): IsoDate => {
  if (!isIsoDate(text)) throw new Error(`test fixture ${text} is not an ISO date`);
  return text;
};

describe("DOMAIN.md §1 test vectors", () => {
  it("accepts 11010519491231002X", () => {
    expect(parseResidentId("11010519491231002X")).toEqual({
      ok: true,
      value: {
        number: "11010519491231002X",
        addressCode: "110105",
        birthDate: "1949-12-31",
        sex: "female",
        sequence: "002",
        wasLegacy15: false,
      },
    });
  });

  it("accepts 440524188001010014", () => {
    expect(parseResidentId("440524188001010014")).toEqual({
      ok: true,
      value: {
        number: "440524188001010014",
        addressCode: "440524",
        birthDate: "1880-01-01",
        sex: "male",
        sequence: "001",
        wasLegacy15: false,
      },
    });
  });

  it("accepts 370402202001010010", () => {
    expect(parseResidentId("370402202001010010")).toMatchObject({
      ok: true,
      value: { number: "370402202001010010", birthDate: "2020-01-01", sex: "male" },
    });
  });

  it("rejects 370405199002290135, whose checksum is right but 1990-02-29 does not exist", () => {
    expect(computeCheckCharacter("37040519900229013")).toBe("5");
    expect(parseResidentId("370405199002290135")).toMatchObject({ ok: false, reason: "bad_birth_date" });
  });

  it("converts the 15-digit 370402850615002 to 370402198506150028", () => {
    expect(parseResidentId("370402850615002")).toEqual({
      ok: true,
      value: {
        number: "370402198506150028",
        addressCode: "370402",
        birthDate: "1985-06-15",
        sex: "female",
        sequence: "002",
        wasLegacy15: true,
      },
    });
  });

  it("masks 370402198506150028 as 3704**********0028", () => {
    expect(maskResidentId("370402198506150028")).toBe("3704**********0028");
  });
});

describe("normaliseResidentId", () => {
  it.each([
    ["11010519491231002x", "11010519491231002X"],
    [" 11010519491231002X\t", "11010519491231002X"],
    ["\u300011010519491231002X\u3000", "11010519491231002X"],
    ["110105 19491231 002X", "11010519491231002X"],
    ["110105\u300019491231\u3000002X", "11010519491231002X"],
    ["110105-19491231-002x", "11010519491231002X"],
    ["110105\u201419491231\u2013002X", "11010519491231002X"],
    ["１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X"],
    ["１１０１０５１９４９１２３１００２ｘ", "11010519491231002X"],
    ["110105\u200b19491231002X", "11010519491231002X"],
    ["\ufeff11010519491231002X", "11010519491231002X"],
    ["", ""],
    ["abc", "abc"],
  ])("turns %j into %j", (raw, expected) => {
    expect(normaliseResidentId(raw)).toBe(expected);
  });
});

describe("parseResidentId", () => {
  it.each([
    " 11010519491231002x ",
    "１１０１０５１９４９１２３１００２Ｘ",
    "110105 19491231 002X",
    "110105-19491231-002X",
    "\u300011010519491231002X",
  ])("accepts the differently written %j", (raw) => {
    expect(parseResidentId(raw)).toMatchObject({ ok: true, value: { number: "11010519491231002X" } });
  });

  it.each(["", "   ", "\u3000", "--"])("rejects %j as empty", (raw) => {
    expect(parseResidentId(raw)).toMatchObject({ ok: false, reason: "empty" });
  });

  it.each([
    ["11010519491231002Y", "a letter other than X"],
    ["X10105194912310021", "X at the start"],
    ["11010519491X31002X", "X inside the number"],
    ["37040285061500X", "X in a 15-digit number"],
    ["1101O519491231002X", "letter O for zero"],
    ["11010519491231002X.", "a trailing dot"],
    ["张伟", "Han characters"],
    ["11010519491231002\u2169", "a Roman numeral ten"],
  ])("rejects %j as bad_characters (%s)", (raw) => {
    expect(parseResidentId(raw)).toMatchObject({ ok: false, reason: "bad_characters" });
  });

  it.each(["1", "1101051949123100", "11010519491231002", "110105194912310021X", "3704028506150", "3704028506150021"])(
    "rejects %j as bad_length",
    (raw) => {
      expect(parseResidentId(raw)).toMatchObject({ ok: false, reason: "bad_length" });
    },
  );

  it.each([
    [withCheck("37040219900229013"), "29 February in a common year"],
    [withCheck("37040219901301013"), "month 13"],
    [withCheck("37040219900001013"), "month 00"],
    [withCheck("37040219900100013"), "day 00"],
    [withCheck("37040219900431013"), "31 April"],
    [withCheck("37040218691231013"), "a year before 1870"],
    [withCheck("37040221010101013"), "a year after 2100"],
    ["370402850229002", "a 15-digit number born 29 February 1985"],
    ["370402851301002", "a 15-digit number born in month 13"],
  ])("rejects %s as bad_birth_date (%s)", (raw) => {
    expect(parseResidentId(raw)).toMatchObject({ ok: false, reason: "bad_birth_date" });
  });

  it("accepts 29 February in a leap year", () => {
    expect(parseResidentId(withCheck("37040220000229013"))).toMatchObject({
      ok: true,
      value: { birthDate: "2000-02-29" },
    });
  });

  it("rejects a birth date after the as-of date", () => {
    const bornTomorrow = withCheck("37040220240602001");
    expect(parseResidentId(bornTomorrow, { asOf: iso("2024-06-01") })).toMatchObject({
      ok: false,
      reason: "bad_birth_date",
    });
  });

  it("accepts a birth on the as-of date itself", () => {
    const bornToday = withCheck("37040220240601001");
    expect(parseResidentId(bornToday, { asOf: iso("2024-06-01") }).ok).toBe(true);
  });

  it.each(["110105194912310021", "370402198506150020", "370402198506150029", "44052418800101001X"])(
    "rejects %j, whose check character is wrong, as bad_checksum",
    (raw) => {
      expect(parseResidentId(raw)).toMatchObject({ ok: false, reason: "bad_checksum" });
    },
  );

  it("reports an impossible birth date before a wrong check character", () => {
    expect(parseResidentId("370405199002290136")).toMatchObject({ ok: false, reason: "bad_birth_date" });
  });

  it("does not reject an address code that is in no division list", () => {
    expect(parseResidentId(withCheck("99999919850615002"))).toMatchObject({
      ok: true,
      value: { addressCode: "999999" },
    });
  });

  it.each([
    ["000", "female"],
    ["001", "male"],
    ["002", "female"],
    ["123", "male"],
    ["998", "female"],
    ["999", "male"],
  ])("reads sequence %s as %s", (sequence, sex) => {
    expect(parseResidentId(withCheck(`37040219850615${sequence}`))).toMatchObject({
      ok: true,
      value: { sequence, sex },
    });
  });

  it("reads a 15-digit number exactly as its 18-digit conversion", () => {
    const legacy = parseResidentId("370481991231457");
    const converted = parseResidentId(withCheck("37048119991231457"));
    expect(legacy.ok && converted.ok).toBe(true);
    if (legacy.ok && converted.ok) expect(legacy.value).toEqual({ ...converted.value, wasLegacy15: true });
  });

  it("never puts the number into a failure detail", () => {
    const result = parseResidentId("370402198506150020");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.detail ?? "").not.toContain("3704021985");
  });
});

describe("maskResidentId", () => {
  it.each([
    ["11010519491231002X", "1101**********002X"],
    ["11010519491231002x", "1101**********002X"],
    ["110105 19491231 002X", "1101**********002X"],
    ["370402850615002", "3704*******5002"],
    ["123456789", "1234*6789"],
    ["12345678", "********"],
    ["123", "***"],
    ["", ""],
  ])("masks %j as %j", (raw, expected) => {
    expect(maskResidentId(raw)).toBe(expected);
  });
});

describe("hashResidentId", () => {
  const key = "renkou-test-key";

  it("matches HMAC-SHA256 computed independently (openssl dgst -sha256 -hmac)", () => {
    expect(hashResidentId("370402198506150028", key)).toBe(
      "52eec7341e9459e79751f37b6e19ffbcbb477577f9ab7194d67fac680adcc5ba",
    );
    expect(hashResidentId("11010519491231002X", key)).toBe(
      "831d1acd2333fc59385dcb226cf9fa9d0d0aed1a70232903301949166eab3360",
    );
  });

  it("hashes differently written forms of one number alike", () => {
    const expected = hashResidentId("11010519491231002X", key);
    expect(hashResidentId(" 110105 19491231 002x", key)).toBe(expected);
    expect(hashResidentId("１１０１０５１９４９１２３１００２Ｘ", key)).toBe(expected);
  });

  it("hashes a 15-digit number like its 18-digit conversion", () => {
    expect(hashResidentId("370402850615002", key)).toBe(hashResidentId("370402198506150028", key));
  });

  it("hashes an invalid number in its normalised form", () => {
    expect(hashResidentId("370402 198506150020", key)).toBe(hashResidentId("370402198506150020", key));
    expect(hashResidentId("370402198506150020", key)).not.toBe(hashResidentId("370402198506150028", key));
  });

  it("depends on the key", () => {
    expect(hashResidentId("370402198506150028", "other-key")).not.toBe(hashResidentId("370402198506150028", key));
  });

  it("accepts a binary key", () => {
    expect(hashResidentId("370402198506150028", new TextEncoder().encode(key))).toBe(
      hashResidentId("370402198506150028", key),
    );
  });

  it.each(["", new Uint8Array(0)])("throws for an empty key", (emptyKey) => {
    expect(() => hashResidentId("370402198506150028", emptyKey)).toThrow();
  });
});
