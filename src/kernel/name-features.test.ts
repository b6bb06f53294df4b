import { describe, expect, it } from "vitest";
import { deriveNameFeatures } from "./name-features.ts";
import { normaliseName } from "./name-normalise.ts";
import { toInitials, toPinyin } from "./name-pinyin.ts";
import { splitSurname } from "./name-surname.ts";

describe("deriveNameFeatures", () => {
  it("derives every feature of a traditional compound-surname name with a stray space", () => {
    expect(deriveNameFeatures("歐陽 娜娜")).toEqual({
      normalised: "欧阳娜娜",
      surname: "欧阳",
      given: "娜娜",
      pinyin: "ou yang na na",
      initials: "oynn",
    });
  });

  it("gives a minority name no surname", () => {
    expect(deriveNameFeatures("阿依古丽•买买提")).toEqual({
      normalised: "阿依古丽·买买提",
      surname: "",
      given: "阿依古丽·买买提",
      pinyin: "a yi gu li mai mai ti",
      initials: "ayglmmt",
    });
  });

  it.each(["张伟", "曾 伟", "張偉", "单田芳", "ＺＨＡＮＧ　ＷＥＩ", "王2", "", "𠮷野"])(
    "agrees with the single-feature functions for %j",
    (raw) => {
      expect(deriveNameFeatures(raw)).toEqual({
        normalised: normaliseName(raw),
        ...splitSurname(raw),
        pinyin: toPinyin(raw),
        initials: toInitials(raw),
      });
    },
  );
});
