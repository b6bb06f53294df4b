import { scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkPasswordRule, generatePassword, hashPassword, verifyPassword } from "./password-hash.ts";

// Cheap parameters keep the tests fast; the cost is read back from the stored string.
const CHEAP = { ln: 10, r: 8, p: 1 };

describe("hashPassword / verifyPassword", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("Correct-horse-7", CHEAP);
    expect(await verifyPassword("Correct-horse-7", stored)).toBe(true);
    expect(await verifyPassword("Correct-horse-8", stored)).toBe(false);
  });

  it("writes a PHC string with the cost, and a new salt each time", async () => {
    const a = await hashPassword("Correct-horse-7", CHEAP);
    const b = await hashPassword("Correct-horse-7", CHEAP);
    expect(a).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
  });

  it("uses the default cost ln=15 when none is given", async () => {
    expect(await hashPassword("Correct-horse-7")).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$/);
  });

  it("treats canonically equivalent Unicode the same (NFC)", async () => {
    const stored = await hashPassword("Caf\u00e9-Latte-42", CHEAP);
    expect(await verifyPassword("Cafe\u0301-Latte-42", stored)).toBe(true);
  });

  it.each(["", "plain", "$scrypt$ln=99,r=8,p=1$AAAA$AAAA", "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA"])(
    "refuses a stored value it did not write: %j",
    async (stored) => {
      expect(await verifyPassword("anything", stored)).toBe(false);
    },
  );

  it("derives the same key as scrypt itself with the stored salt (no hidden transformation)", async () => {
    const stored = await hashPassword("Correct-horse-7", CHEAP);
    const [, , , salt, key] = stored.split("$");
    const expected = scryptSync("Correct-horse-7", Buffer.from(salt!, "base64"), 32, { N: 1024, r: 8, p: 1 });
    expect(Buffer.from(key!, "base64").equals(expected)).toBe(true);
  });

  it("matches the RFC 7914 §12 scrypt test vector through node:crypto", () => {
    const key = scryptSync("password", "NaCl", 64, { N: 1024, r: 8, p: 16 });
    expect(key.toString("hex")).toBe(
      "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640",
    );
  });
});

describe("checkPasswordRule", () => {
  it.each([
    ["Short-1a", "password_too_short"],
    ["alllowercaseletters", "password_too_simple"],
    ["lowercase-and-symbols", "password_too_simple"],
    ["li.wei-Secret-2024", "password_contains_username"],
    [`Aa1-${"x".repeat(130)}`, "password_too_long"],
  ])("refuses %j (%s)", (password, reason) => {
    expect(checkPasswordRule(password, "li.wei")).toMatchObject({ ok: false, reason });
  });

  it.each(["Correct-horse-7", "lower-and-digits-42", "密码Secret-2024"])("accepts %j", (password) => {
    expect(checkPasswordRule(password, "li.wei").ok).toBe(true);
  });
});

describe("generatePassword", () => {
  it("makes distinct passwords that satisfy the rule", () => {
    const passwords = Array.from({ length: 50 }, generatePassword);
    expect(new Set(passwords).size).toBe(50);
    for (const password of passwords) {
      expect(password).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
      expect(checkPasswordRule(password, "demo_case_worker").ok).toBe(true);
    }
  });
});
