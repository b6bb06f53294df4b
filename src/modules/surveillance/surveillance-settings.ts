import { z } from "zod";
import { ConfigError } from "../../config.ts";
import { DEFAULT_CUSUM_ALTERNATIVE_SRB, DEFAULT_CUSUM_THRESHOLD } from "./binomial-cusum.ts";
import { DEFAULT_EWMA_LAMBDA, DEFAULT_EWMA_WIDTH } from "./ewma.ts";
import { BirthSourceType } from "./model.ts";
import { DEFAULT_SUPPRESSION_THRESHOLD } from "./small-cell-suppression.ts";
import { DEFAULT_REFERENCE_SRB } from "./srb-proportion.ts";

/**
 * Per-deployment settings of birth surveillance, read from the environment once at start-up.
 *
 * `birthSource`: until reconciliation produces one canonical record per birth, the same birth appears in
 * several sources; counting all of them would count it two or three times. So births are counted from ONE
 * source type — 住院分娩 (`delivery`) by default: hospitals report within weeks, so recent months are nearly
 * complete, and it carries the birth order. A deployment whose hospital reports are incomplete may count
 * 出生医学证明 (`birth_cert`) or 新生儿入户 (`newborn_reg`) instead. Every source is aggregated, so changing the
 * setting needs no rebuild; the sources not counted feed the data-quality panel.
 *
 * Chart parameters (see README.md "Alert rules"): county charts use the CUSUM defaults (h = 3.0: in-control
 * ARL ≈ 340 months at 300 births a month); a city has ten times the births, where h = 3.0 would alarm every
 * three years by chance, so cities use h = 5.0 (ARL₀ ≈ 770 months and ARL₁ ≈ 7 months for SRB 110 at 3,000
 * births a month; estimateRunLength, 300 runs, seed 1). The EWMA's ARL₀ hardly depends on births, so one
 * setting serves both levels.
 */
export const SurveillanceSettings = z.object({
  birthSource: BirthSourceType.default("delivery"),
  referenceSrb: z.coerce.number().min(90).max(130).default(DEFAULT_REFERENCE_SRB),
  /** Cells under this many births are withheld; never below 10 (DOMAIN.md §5). */
  suppressionThreshold: z.coerce.number().int().min(DEFAULT_SUPPRESSION_THRESHOLD).max(1000).default(DEFAULT_SUPPRESSION_THRESHOLD),
  /** Months a funnel window covers. */
  funnelWindowMonths: z.number().int().min(1).default(12),
  /** Chart signals in this many months up to the latest month become alerts (older ones are history). */
  alertLookbackMonths: z.number().int().min(1).default(12),
  /**
   * The charts start this many months before the evaluated month. Their memory is far shorter — the CUSUM
   * restarts at every signal and whenever it falls to 0, and the EWMA gives data four years old a weight of
   * 0.9⁴⁸ < 1% — so a longer history changes nothing but the cost, which grows with the years stored.
   */
  chartHistoryMonths: z.number().int().min(24).default(60),
  cusum: z
    .object({
      alternativeSrb: z.number().default(DEFAULT_CUSUM_ALTERNATIVE_SRB),
      countyThreshold: z.number().positive().default(DEFAULT_CUSUM_THRESHOLD),
      cityThreshold: z.number().positive().default(5.0),
    })
    .prefault({}),
  ewma: z
    .object({
      lambda: z.number().gt(0).max(1).default(DEFAULT_EWMA_LAMBDA),
      width: z.number().positive().default(DEFAULT_EWMA_WIDTH),
    })
    .prefault({}),
});
export type SurveillanceSettings = z.infer<typeof SurveillanceSettings>;

export const SURVEILLANCE_VARIABLES = {
  RENKOU_SRB_BIRTH_SOURCE: "birth source counted by surveillance: delivery (default) | birth_cert | newborn_reg",
  RENKOU_SRB_REFERENCE: "reference sex ratio at birth, boys per 100 girls (default 105)",
  RENKOU_SRB_SUPPRESS_BELOW: "withhold cells with fewer births than this (default and minimum 10)",
} as const;

export const DEFAULT_SURVEILLANCE_SETTINGS: SurveillanceSettings = SurveillanceSettings.parse({});

export function loadSurveillanceSettings(env: NodeJS.ProcessEnv): SurveillanceSettings {
  const parsed = SurveillanceSettings.safeParse({
    birthSource: env.RENKOU_SRB_BIRTH_SOURCE || undefined,
    referenceSrb: env.RENKOU_SRB_REFERENCE || undefined,
    suppressionThreshold: env.RENKOU_SRB_SUPPRESS_BELOW || undefined,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`invalid surveillance settings: ${problems.join("; ")}`);
  }
  return parsed.data;
}
