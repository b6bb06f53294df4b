import { describe, expect, it } from "vitest";
import { ConfigError } from "../../config.ts";
import { DEFAULT_SURVEILLANCE_SETTINGS, loadSurveillanceSettings } from "./surveillance-settings.ts";

describe("surveillance settings", () => {
  it("counts hospital deliveries against 105 and withholds cells under 10 by default", () => {
    expect(loadSurveillanceSettings({})).toEqual(DEFAULT_SURVEILLANCE_SETTINGS);
    expect(DEFAULT_SURVEILLANCE_SETTINGS).toMatchObject({ birthSource: "delivery", referenceSrb: 105, suppressionThreshold: 10 });
    expect(DEFAULT_SURVEILLANCE_SETTINGS.cusum).toEqual({ alternativeSrb: 110, countyThreshold: 3, cityThreshold: 5 });
  });

  it("reads the birth source, the reference and the threshold from the environment", () => {
    const settings = loadSurveillanceSettings({ RENKOU_SRB_BIRTH_SOURCE: "birth_cert", RENKOU_SRB_REFERENCE: "106.3", RENKOU_SRB_SUPPRESS_BELOW: "20" });
    expect(settings).toMatchObject({ birthSource: "birth_cert", referenceSrb: 106.3, suppressionThreshold: 20 });
  });

  it.each([
    [{ RENKOU_SRB_BIRTH_SOURCE: "hukou" }],
    [{ RENKOU_SRB_SUPPRESS_BELOW: "5" }],
    [{ RENKOU_SRB_REFERENCE: "abc" }],
  ])("refuses %j", (env) => {
    expect(() => loadSurveillanceSettings(env)).toThrow(ConfigError);
  });
});
