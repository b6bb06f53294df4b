import { describe, expect, it } from "vitest";
import { defaultRegionOf } from "./default-region.ts";

describe("the region the surveillance page opens with", () => {
  it.each([
    [[{ role: "analyst", jurisdiction: "3704" }], "3704"],
    [[{ role: "analyst", jurisdiction: "37" }], "3704"],
    [[{ role: "case_worker", jurisdiction: "370406" }], "370406"],
    [[{ role: "audit_admin", jurisdiction: "3704" }, { role: "analyst", jurisdiction: "370481105" }, { role: "analyst", jurisdiction: "370402" }], "370402"],
    [[], "3704"],
  ])("grants %j open %s", (grants, expected) => {
    expect(defaultRegionOf(grants)).toBe(expected);
  });
});
