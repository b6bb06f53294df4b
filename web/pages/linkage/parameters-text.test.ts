import { describe, expect, it } from "vitest";
import { parseParametersText } from "./parameters-text.ts";

describe("parseParametersText", () => {
  it("accepts renkou link parameters", () => {
    const parameters = { format: "renkou-link-parameters/1", lambda: 0.001, tfFuzzyWeight: 0.5, comparisons: [] };
    expect(parseParametersText(JSON.stringify(parameters))).toEqual({ ok: true, parameters });
  });

  it("names a syntax error", () => {
    expect(parseParametersText("{ lambda: ")).toMatchObject({ ok: false, reason: "not_json" });
  });

  it("refuses JSON that is not a model", () => {
    expect(parseParametersText('{"format":"other","comparisons":[]}')).toEqual({ ok: false, reason: "not_parameters", detail: "other" });
  });
});
