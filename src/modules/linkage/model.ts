import { z } from "zod";

/**
 * Record linkage (Fellegi & Sunter 1969, "A theory for record linkage", JASA 64:1183–1210): the shapes that
 * cross the module's boundary — field specifications, the parameters of a trained model, and the run report.
 */

/** The comparison library is chosen by a field's type (see `comparison-library.ts`). */
export const FieldType = z.enum([
  "zh_name",
  "name",
  "date",
  "resident_id",
  "identifier",
  "code",
  "sex",
  "division_code",
  "phone",
  "text",
  "address",
]);
export type FieldType = z.infer<typeof FieldType>;

/** One file deduplicated, or two linked (left against right). */
export type LinkMode = "dedupe" | "link";

/** One compared field: `leftColumn` in the left file against `rightColumn` in the right (or same) file. */
export const FieldSpec = z.object({
  /** The field's name in parameters and reports: the left column's name. */
  name: z.string().min(1),
  leftColumn: z.string().min(1),
  rightColumn: z.string().min(1),
  type: FieldType,
});
export type FieldSpec = z.infer<typeof FieldSpec>;

export const LevelParameters = z.object({
  label: z.string(),
  /** P(level | match). */
  m: z.number().min(0).max(1),
  /** P(level | non-match), from a random sample of pairs. */
  u: z.number().min(0).max(1),
  /** A level fixed by hand keeps its m and u through training. */
  fixed: z.boolean().optional(),
});
export type LevelParameters = z.infer<typeof LevelParameters>;

export const ComparisonParameters = z.object({
  field: z.string(),
  type: FieldType,
  /** Ordered most to least similar; the null level (either value missing) has no parameters: weight 0. */
  levels: z.array(LevelParameters).min(2),
});
export type ComparisonParameters = z.infer<typeof ComparisonParameters>;

/** A trained model: everything needed to score a pair, printable, saveable, and editable by hand. */
export const LinkParameters = z.object({
  format: z.literal("renkou-link-parameters/1"),
  /** Prior probability that two records drawn at random are the same person. */
  lambda: z.number().gt(0).lt(1),
  lambdaFixed: z.boolean().optional(),
  /** Weight (0–1) of the term-frequency adjustment on fuzzy name levels; exact levels get the full one. */
  tfFuzzyWeight: z.number().min(0).max(1),
  comparisons: z.array(ComparisonParameters).min(1),
});
export type LinkParameters = z.infer<typeof LinkParameters>;

/** One EM run: a training session on the pairs of one blocking rule, or the final λ step. */
export const EmSession = z.object({
  /** The blocking rule whose pairs were used, or "all blocked pairs". */
  pairsFrom: z.string(),
  pairs: z.number(),
  distinctPatterns: z.number().int(),
  /** Comparisons left out because the rule's keys decide them (or a correlated field). */
  excluded: z.array(z.string()),
  iterations: z.number().int(),
  largestChange: z.number(),
  converged: z.boolean(),
  /** Share of the session's pairs in the match class. */
  matchShare: z.number(),
  /** Of the session's mixture model; null for the λ step. */
  logLikelihood: z.number().nullable(),
});
export type EmSession = z.infer<typeof EmSession>;

export const EmDiagnostics = z.object({
  /** The most iterations any session took. */
  iterations: z.number().int(),
  maxIterations: z.number().int(),
  /** The largest last change of any session. */
  largestChange: z.number(),
  tolerance: z.number(),
  /** True only if every session converged. */
  converged: z.boolean(),
  /** Share of all blocked pairs that are matches, from the final λ step. */
  blockedMatchShare: z.number(),
  distinctPatterns: z.number().int(),
  sessions: z.array(EmSession),
  /** Comparisons no rule-session could estimate (every rule uses them): estimated on all blocked pairs. */
  estimatedOnAllPairs: z.array(z.string()),
});
export type EmDiagnostics = z.infer<typeof EmDiagnostics>;

export const BlockingRuleCount = z.object({
  rule: z.string(),
  /** Pairs the rule would produce, counted before generation. */
  estimatedPairs: z.number(),
  /** Pairs this rule added that no earlier rule had produced. */
  newPairs: z.number(),
  capped: z.boolean(),
  /** Largest block kept when capped: blocks with more records were skipped. */
  maxBlockSize: z.number().nullable(),
  skippedPairs: z.number(),
});
export type BlockingRuleCount = z.infer<typeof BlockingRuleCount>;

export const LinkWarning = z.object({ code: z.string(), zh: z.string(), en: z.string() });
export type LinkWarning = z.infer<typeof LinkWarning>;
