import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { encodeGb18030 } from "./gb18030-encoder.ts";

describe("encodeGb18030", () => {
  it("gives the same bytes as iconv-lite for every BMP character and for astral ones", () => {
    let text = "";
    for (let c = 1; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) text += String.fromCharCode(c);
    text += "𠀀𪚥·\u3000買賣";
    expect(encodeGb18030(text).equals(iconv.encode(text, "gb18030"))).toBe(true);
  });

  it("round-trips a registry row through iconv-lite's decoder", () => {
    const row = "370402198506150028,张伟,男,19850615,山东省枣庄市滕州市级索镇王庄村12号,买买提·艾力\r\n";
    expect(iconv.decode(encodeGb18030(row), "gb18030")).toBe(row);
  });
});
