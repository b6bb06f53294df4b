import { describe, expect, it } from "vitest";
import { loginPath, safeNextPath } from "./next-path.ts";

describe("loginPath", () => {
  it.each([
    ["/", "/login"],
    ["/admin/users", "/login?next=%2Fadmin%2Fusers"],
    ["/admin/audit?actor=x", "/login?next=%2Fadmin%2Faudit%3Factor%3Dx"],
    ["/login?next=%2Fadmin", "/login"],
  ])("sends a visitor of %j to %j", (next, expected) => {
    expect(loginPath(next)).toBe(expected);
  });
});

describe("safeNextPath", () => {
  it.each([
    ["/admin/users", "/admin/users"],
    ["/admin/audit?result=denied", "/admin/audit?result=denied"],
    ["/loginx", "/loginx"],
  ])("follows the path %j", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it.each([null, "", "https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "/login", "/login?next=/"])(
    "goes to the overview instead of %j",
    (next) => {
      expect(safeNextPath(next)).toBe("/");
    },
  );
});
