import { describe, expect, it } from "vitest";
import { userStatus } from "./user-status.ts";

const now = new Date("2025-03-01T08:00:00Z");

describe("userStatus", () => {
  it.each([
    [{ disabled: false, lockedUntil: null }, { kind: "active" }],
    [{ disabled: true, lockedUntil: null }, { kind: "disabled" }],
    [{ disabled: true, lockedUntil: "2025-03-01T08:10:00.000Z" }, { kind: "disabled" }],
    [{ disabled: false, lockedUntil: "2025-03-01T08:10:00.000Z" }, { kind: "locked", until: new Date("2025-03-01T08:10:00Z") }],
    [{ disabled: false, lockedUntil: "2025-03-01T07:59:59.000Z" }, { kind: "active" }],
  ])("reads %j as %j", (user, expected) => {
    expect(userStatus(user, now)).toEqual(expected);
  });
});
