import { describe, expect, it } from "vitest";
import { checkPasswordRule } from "../../src/modules/access/password-hash.ts";
import { checkPassword, meetsPasswordRule } from "./password-rules.ts";

const cases: readonly [password: string, username: string][] = [
  ["Correct-Horse-9", "alice"],
  ["short1A!", "alice"],
  ["alllowercase", "alice"],
  ["lowercase123", "alice"],
  ["Lowercase123", "alice"],
  ["xxAlice-2024yy", "alice"],
  ["ab-CD-12-ef", "ab"],
  ["中文密码中文密码Ab1", "bob"],
  ["ＡＢＣ全角数字１２３４", "bob"],
  [`Aa1-${"x".repeat(124)}`, "bob"],
  [`Aa1-${"x".repeat(125)}`, "bob"],
];

describe("checkPassword", () => {
  it.each(cases)("agrees with the server's rule on %j for user %j", (password, username) => {
    expect(meetsPasswordRule(password, username)).toBe(checkPasswordRule(password, username).ok);
  });

  it("names each unmet part", () => {
    expect(checkPassword("alice-lower", "alice")).toEqual([
      { check: "length", met: true },
      { check: "classes", met: false },
      { check: "username", met: false },
    ]);
  });

  it("meets nothing while the password is empty", () => {
    expect(checkPassword("", "alice").some((result) => result.met)).toBe(false);
  });
});
