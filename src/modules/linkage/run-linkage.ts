import type { Db } from "../../db/database.ts";
import { parseBlockingRule, chooseDefaultBlockingTerms, type BlockingRule } from "./blocking-rule.ts";
import { assignOneToOne, clusterRecordIndexes } from "./cluster-pairs.ts";
import { COMPARISON_LIBRARY, findFirstLevelEqualityFeature } from "./comparison-library.ts";
import type { ComparisonPattern } from "./comparison-pattern.ts";
import { blockRecords, estimateRulePairs, type RuleBlocks } from "./block-records.ts";
import { estimateU } from "./estimate-u.ts";
import type { BlockingRuleCount, EmDiagnostics, FieldSpec, LinkMode, LinkParameters, LinkWarning } from "./model.ts";
import { checkParametersFitFields } from "./link-parameters.ts";
import type { PreparedInput } from "./prepare-link-input.ts";
import { drawSamplePairs, type SamplePairs } from "./sample-pairs.ts";
import { buildComparisonScoring, priorWeightOf, probabilityOfWeight, scorePair, type ComparisonContribution } from "./score-pair.ts";
import * as store from "./store.ts";
import { trainBySessions } from "./train-by-sessions.ts";
import { deriveDatabaseFeatures, loadWorkspace } from "./load-workspace.ts";
import { countEqualValuePairs, countValueHolders } from "./value-counts.ts";

/**
 * The linkage engine, one code path for the CLI and the product: choose blocking → number each rule's blocks
 * and load the records that can pair → generate the pairs in SQL → compare in SQL → u from random pairs, m and
 * λ by EM over comparison patterns → score → cluster. The caller prepares the input (`prepareLinkInput`) and
 * formats the outcome.
 */
export interface LinkOptions {
  /** OR-list of rules (see `blocking-rule.ts`); without, default blocking is chosen from types and block sizes. */
  readonly blockingRules?: readonly string[];
  /** Pairs with match probability at or above this are returned. */
  readonly threshold?: number;
  /** Use these parameters instead of estimating them. */
  readonly parameters?: LinkParameters;
  /**
   * With `parameters`: start EM from them instead of using them as they are. Their u stays; levels marked
   * `fixed` keep their m, and `lambdaFixed` keeps λ.
   */
  readonly retrain?: boolean;
  /** Link mode only: keep each record in at most one pair (two duplicate-free sources). */
  readonly oneToOne?: boolean;
  /** Random pairs drawn to estimate u. */
  readonly uSampleSize?: number;
  /** A rule estimated above this many pairs is capped: its largest blocks are skipped. */
  readonly maxPairsPerRule?: number;
  /** Default blocking: a rule is used when it produces at most this many pairs. */
  readonly blockingBudget?: number;
  readonly emMaxIterations?: number;
  readonly emTolerance?: number;
  readonly tfFuzzyWeight?: number;
  /**
   * λ from a deterministic rule instead of EM: the pairs agreeing on the rule's keys are taken as matches
   * found with the given recall, so λ = pairs / recall / all pairs (Splink's method without labels).
   */
  readonly lambdaRule?: { readonly rule: string; readonly recall: number };
  /** Add each comparison's level and weight to every returned pair. */
  readonly explain?: boolean;
  /** Called as each stage starts (`load`, `blocking`, `compare`, `estimateM` …): progress for the product's jobs. */
  readonly onStage?: (stage: string) => void;
}

export const DEFAULT_THRESHOLD = 0.5;
export const DEFAULT_U_SAMPLE_SIZE = 50_000;
export const DEFAULT_MAX_PAIRS_PER_RULE = 20_000_000;
export const DEFAULT_TF_FUZZY_WEIGHT = 0.5;

export interface LinkedPair {
  readonly leftId: string;
  readonly rightId: string;
  readonly matchProbability: number;
  readonly matchWeight: number;
  readonly contributions?: readonly ComparisonContribution[];
}

export interface LinkCluster {
  readonly clusterId: string;
  readonly side: "left" | "right";
  readonly recordId: string;
}

export interface LinkReport {
  readonly mode: LinkMode;
  readonly records: { readonly left: number; readonly right: number };
  readonly fields: readonly FieldSpec[];
  readonly blocking: {
    readonly source: "given" | "default";
    readonly budget: number | null;
    readonly maxPairsPerRule: number;
    readonly rules: readonly BlockingRuleCount[];
    readonly blockedPairs: number;
    readonly allPairs: number;
  };
  readonly uSampledPairs: number | null;
  readonly em: EmDiagnostics | null;
  readonly parameters: LinkParameters;
  readonly threshold: number;
  readonly pairsAtOrAboveThreshold: number;
  readonly clusters: number;
  readonly weightHistogram: ReadonlyArray<{ readonly weight: number; readonly pairs: number }>;
  readonly timingsMs: Readonly<Record<string, number>>;
  readonly warnings: readonly LinkWarning[];
}

export interface LinkOutcome {
  readonly pairs: readonly LinkedPair[];
  readonly clusters: readonly LinkCluster[];
  readonly report: LinkReport;
}

export type LinkRunFailure = { readonly reason: string; readonly zh: string; readonly en: string };
export type LinkRunResult = { readonly ok: true; readonly value: LinkOutcome } | ({ readonly ok: false } & LinkRunFailure);

export async function runLinkage(db: Db, input: PreparedInput, options: LinkOptions = {}): Promise<LinkRunResult> {
  const mode: LinkMode = input.rightCount > 0 ? "link" : "dedupe";
  const fields = input.fields;
  const explicitRules: BlockingRule[] = [];
  if (options.parameters !== undefined) {
    const fit = checkParametersFitFields(options.parameters, fields);
    if (!fit.ok) return { ok: false, reason: fit.reason, zh: `模型参数与字段不符：${fit.detail ?? ""}`, en: `the parameters do not fit the fields: ${fit.detail ?? ""}` };
  }
  if (options.lambdaRule !== undefined) {
    const rule = parseBlockingRule(options.lambdaRule.rule, fields);
    if (!rule.ok) return { ok: false, reason: rule.reason, zh: `先验规则无效：${rule.detail ?? ""}`, en: `invalid prior rule: ${rule.detail ?? ""}` };
  }
  for (const text of options.blockingRules ?? []) {
    const rule = parseBlockingRule(text, fields);
    if (!rule.ok) return { ok: false, reason: rule.reason, zh: `分块规则无效：${rule.detail ?? text}`, en: `invalid blocking rule: ${rule.detail ?? text}` };
    explicitRules.push(rule.value);
  }
  if (explicitRules.length > store.MAX_BLOCKING_RULES) {
    return {
      ok: false,
      reason: "too_many_blocking_rules",
      zh: `分块规则最多 ${store.MAX_BLOCKING_RULES} 条，给出了 ${explicitRules.length} 条`,
      en: `at most ${store.MAX_BLOCKING_RULES} blocking rules, ${explicitRules.length} given`,
    };
  }
  return db.connection().execute((connection) => runOnConnection(connection, input, mode, explicitRules, options));
}

async function runOnConnection(
  db: Db,
  input: PreparedInput,
  mode: LinkMode,
  explicitRules: readonly BlockingRule[],
  options: LinkOptions,
): Promise<LinkRunResult> {
  const timings: Record<string, number> = {};
  const timed: Timer = async (name, work) => {
    options.onStage?.(name);
    const started = performance.now();
    try {
      return await work();
    } finally {
      timings[name] = Math.round(performance.now() - started);
    }
  };
  const fields = input.fields;
  const warnings: LinkWarning[] = [...input.warnings];
  const records = { left: input.leftCount, right: input.rightCount };
  const allPairs = mode === "dedupe" ? (records.left * (records.left - 1)) / 2 : records.left * records.right;
  const maxPairsPerRule = options.maxPairsPerRule ?? DEFAULT_MAX_PAIRS_PER_RULE;
  const started = performance.now();

  const budget = explicitRules.length > 0 ? null : (options.blockingBudget ?? defaultBlockingBudget(records, mode));
  const rules = await timed("chooseBlocking", async () => {
    if (explicitRules.length > 0) return explicitRules;
    const estimate = async (text: string) => {
      const rule = parseBlockingRule(text, fields);
      return rule.ok ? estimateRulePairs(input, mode, rule.value) : Number.POSITIVE_INFINITY;
    };
    // The most selective rules come first; more than the workspace can flag would add little.
    const texts = (await chooseDefaultBlockingTerms(fields, estimate, budget!)).slice(0, store.MAX_BLOCKING_RULES);
    return texts.flatMap((text) => {
      const rule = parseBlockingRule(text, fields);
      return rule.ok ? [rule.value] : [];
    });
  });
  const layout: store.WorkspaceLayout = { mode, types: fields.map((f) => f.type), ruleCount: rules.length };

  try {
    const { prepared, blocks, sample } = await timed("load", async () => {
      await store.createWorkspace(db, layout);
      const prepared = await deriveDatabaseFeatures(db, input);
      const blocks = rules.map((rule) => blockRecords(prepared, mode, rule, maxPairsPerRule));
      blocks.forEach((ruleBlocks, k) => {
        if (ruleBlocks.maxBlockSize !== null) warnings.push(capWarning(rules[k]!, ruleBlocks, maxPairsPerRule));
      });
      // u is estimated only without a given model (retraining keeps the model's u).
      const sample = options.parameters !== undefined ? undefined : drawSamplePairs(records, mode, options.uSampleSize ?? DEFAULT_U_SAMPLE_SIZE);
      await loadWorkspace(db, prepared, blocks, sample === undefined ? [] : [sample.left, sample.right]);
      return { prepared, blocks, sample };
    });

    const ruleCounts = await timed("blocking", async () => {
      const byFlags = await store.insertBlockedPairs(db, layout);
      return rules.map((rule, k): BlockingRuleCount => {
        const { estimatedPairs, maxBlockSize, skippedPairs } = blocks[k]!;
        // A pair is new for the first rule it agrees on: the lowest bit of its flags.
        const newPairs = byFlags.filter((f) => (f.flags & -f.flags) === 2 ** k).reduce((total, f) => total + f.pairs, 0);
        return { rule: rule.text, estimatedPairs, newPairs, capped: maxBlockSize !== null, maxBlockSize, skippedPairs };
      });
    });
    const blockedPairs = ruleCounts.reduce((total, r) => total + r.newPairs, 0);

    const { patterns, rulePatterns } = await timed("compare", async () => {
      // One pass computes every pair's levels (keeping which rules it agrees on); one grouping then gives the
      // patterns of all pairs and of each training session.
      await store.computePairLevels(db, layout);
      const counted = await store.countPatternsByRule(db, layout);
      return { patterns: counted.all, rulePatterns: rules.map((rule, k) => ({ rule, patterns: counted.byRule[k]! })) };
    });

    const { parameters, em, uSampledPairs } = await estimateParameters(
      { db, layout, fields, mode, records, input: prepared, allPairs, blockedPairs, sample, patterns, rulePatterns, options, warnings },
      timed,
    );

    const threshold = options.threshold ?? DEFAULT_THRESHOLD;
    const scoring = buildComparisonScoring(parameters);
    const priorWeight = priorWeightOf(parameters.lambda);
    const { pairs, histogram } = await timed("predict", async () => {
      const histogram = await store.countPairsByWeight(db, layout, scoring, priorWeight);
      const minWeight = threshold <= 0 ? -1e9 : threshold >= 1 ? 1e9 : Math.log2(threshold / (1 - threshold));
      const rows = await store.findScoredPairs(db, layout, scoring, priorWeight, minWeight, (rid) => input.recordIds[rid]!, options.explain === true);
      return { pairs: rows, histogram };
    });

    const result = await timed("cluster", async () => clusterPairs(input, mode, pairs, parameters, options));
    timings.total = Math.round(performance.now() - started);
    return {
      ok: true,
      value: {
        pairs: result.pairs,
        clusters: result.clusters,
        report: {
          mode,
          records,
          fields,
          blocking: { source: explicitRules.length > 0 ? "given" : "default", budget, maxPairsPerRule, rules: ruleCounts, blockedPairs, allPairs },
          uSampledPairs,
          em,
          parameters,
          threshold,
          pairsAtOrAboveThreshold: result.pairs.length,
          clusters: result.clusterCount,
          weightHistogram: histogram,
          timingsMs: timings,
          warnings,
        },
      },
    };
  } finally {
    await store.dropWorkspace(db);
  }
}

function capWarning(rule: BlockingRule, blocks: RuleBlocks, maxPairsPerRule: number): LinkWarning {
  const { estimatedPairs, maxBlockSize, skippedPairs } = blocks;
  return maxBlockSize === null || maxBlockSize < 2
    ? {
        code: "blocking_rule_capped",
        zh: `分块规则“${rule.text}”预计产生 ${estimatedPairs} 对，超过上限 ${maxPairsPerRule}，且最小的块也超限：该规则已整体跳过`,
        en: `blocking rule "${rule.text}" would produce ${estimatedPairs} pairs, over the cap of ${maxPairsPerRule}, and even its smallest blocks exceed it: the rule was skipped`,
      }
    : {
        code: "blocking_rule_capped",
        zh: `分块规则“${rule.text}”预计产生 ${estimatedPairs} 对，超过上限 ${maxPairsPerRule}：已跳过大于 ${maxBlockSize} 条记录的块（${skippedPairs} 对）`,
        en: `blocking rule "${rule.text}" would produce ${estimatedPairs} pairs, over the cap of ${maxPairsPerRule}: blocks larger than ${maxBlockSize} records were skipped (${skippedPairs} pairs)`,
      };
}

function estimateLambdaFromRule(
  input: PreparedInput,
  mode: LinkMode,
  lambdaRule: { readonly rule: string; readonly recall: number },
  allPairs: number,
): number {
  const rule = parseBlockingRule(lambdaRule.rule, input.fields);
  if (!rule.ok) throw new Error("the prior rule was checked before the run");
  const agreeing = estimateRulePairs(input, mode, rule.value);
  return Math.min(0.5, Math.max(1e-12, agreeing / lambdaRule.recall / Math.max(1, allPairs)));
}

interface TrainingContext {
  readonly db: Db;
  readonly layout: store.WorkspaceLayout;
  readonly fields: readonly FieldSpec[];
  readonly mode: LinkMode;
  readonly records: { readonly left: number; readonly right: number };
  /** The records (with the features derived in SQL), for counts cheaper in memory than in SQL. */
  readonly input: PreparedInput;
  readonly allPairs: number;
  readonly blockedPairs: number;
  /** The random pairs for u, drawn and loaded with the records; none when a model is given. */
  readonly sample: SamplePairs | undefined;
  readonly patterns: readonly ComparisonPattern[];
  /** Each rule's training session: the patterns of the blocked pairs agreeing on it. */
  readonly rulePatterns: ReadonlyArray<{ readonly rule: BlockingRule; readonly patterns: readonly ComparisonPattern[] }>;
  readonly options: LinkOptions;
  readonly warnings: LinkWarning[];
}

type Timer = <T>(name: string, work: () => Promise<T>) => Promise<T>;

/** u from random pairs (or a saved model), m by EM, λ by EM or a deterministic rule — or a saved model as is. */
async function estimateParameters(
  context: TrainingContext,
  timed: Timer,
): Promise<{ parameters: LinkParameters; em: EmDiagnostics | null; uSampledPairs: number | null }> {
  const { db, layout, fields, mode, input, allPairs, blockedPairs, sample, options, warnings } = context;
  const start = options.parameters;
  if (start !== undefined && !options.retrain) return { parameters: start, em: null, uSampledPairs: null };
  let u: number[][];
  let uSampledPairs: number | null = null;
  if (start !== undefined) {
    u = start.comparisons.map((c) => c.levels.map((level) => level.u));
  } else if (sample === undefined) {
    throw new Error("the u sample is drawn whenever no model is given");
  } else {
    const estimated = await timed("estimateU", async () => {
      const samplePatterns = await store.countSamplePatterns(db, layout, sample);
      const exact = fields.map((field, i) => {
        const definition = COMPARISON_LIBRARY[field.type];
        const feature = findFirstLevelEqualityFeature(definition);
        return feature === undefined ? undefined : countEqualValuePairs(input, countValueHolders(input, i), mode, i, feature, definition.nullFeature);
      });
      return { sampledPairs: sample.left.length, u: estimateU(samplePatterns, levelCounts(fields), exact) };
    });
    uSampledPairs = estimated.sampledPairs;
    u = estimated.u;
  }
  if (blockedPairs === 0) {
    warnings.push({ code: "no_candidate_pairs", zh: "没有候选记录对，无需比对", en: "no candidate pairs: nothing to link" });
    const m = start?.comparisons.map((c) => c.levels.map((l) => l.m));
    return { parameters: buildParameters(fields, u, m, start?.lambda ?? 1e-4, options, start), em: null, uSampledPairs };
  }
  const trained = await timed("estimateM", () => trainM(context, u, start));
  const em = trained.diagnostics;
  if (!em.converged) {
    warnings.push({
      code: "em_not_converged",
      zh: `EM 在 ${em.iterations} 次迭代后未收敛（最大变化 ${em.largestChange.toExponential(2)}）`,
      en: `EM did not converge in ${em.iterations} iterations (largest change ${em.largestChange.toExponential(2)})`,
    });
  }
  const lambda = start?.lambdaFixed
    ? start.lambda
    : options.lambdaRule === undefined
      ? trained.lambda
      : estimateLambdaFromRule(input, mode, options.lambdaRule, allPairs);
  return { parameters: buildParameters(fields, u, trained.m, lambda, options, start), em, uSampledPairs };
}

/** Default blocking budget per rule: generous for small files, linear in size for large ones. */
export function defaultBlockingBudget(records: { left: number; right: number }, mode: LinkMode): number {
  const n = mode === "dedupe" ? records.left : records.left + records.right;
  return Math.max(10_000, 2 * n);
}

function levelCounts(fields: readonly FieldSpec[]): number[] {
  return fields.map((f) => COMPARISON_LIBRARY[f.type].levels.length);
}

/** EM start: m falls off geometrically from the most similar level, so the match class starts as "agrees". */
function startingM(levels: number): number[] {
  const raw = Array.from({ length: levels }, (_, k) => (k === levels - 1 ? 0.05 : 0.5 ** k));
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((v) => v / total);
}

/** m by EM in one session per blocking rule, then λ over all pairs (`train-by-sessions.ts`). */
async function trainM(
  context: TrainingContext,
  u: readonly (readonly number[])[],
  start: LinkParameters | undefined,
): Promise<{ m: number[][]; lambda: number; diagnostics: EmDiagnostics }> {
  const { fields, rulePatterns, patterns, allPairs, options } = context;
  const mPrior = u.map((levels) => startingM(levels.length));
  const result = trainBySessions({
    fields,
    rulePatterns,
    allPatterns: patterns,
    u,
    allPairs,
    mStart: start?.comparisons.map((c) => c.levels.map((level) => level.m)) ?? mPrior,
    mPrior,
    fixedLevels: start?.comparisons.map((c) => c.levels.map((level) => level.fixed === true)),
    maxIterations: options.emMaxIterations ?? 200,
    tolerance: options.emTolerance ?? 1e-6,
  });
  return { m: result.m, lambda: result.lambda, diagnostics: result.diagnostics };
}

function buildParameters(
  fields: readonly FieldSpec[],
  u: readonly (readonly number[])[],
  m: readonly (readonly number[])[] | undefined,
  lambda: number,
  options: LinkOptions,
  start?: LinkParameters,
): LinkParameters {
  return {
    format: "renkou-link-parameters/1",
    lambda,
    ...(start?.lambdaFixed ? { lambdaFixed: true } : {}),
    tfFuzzyWeight: options.tfFuzzyWeight ?? start?.tfFuzzyWeight ?? DEFAULT_TF_FUZZY_WEIGHT,
    comparisons: fields.map((field, c) => {
      const definitions = COMPARISON_LIBRARY[field.type].levels;
      const mLevels = m?.[c] ?? startingM(definitions.length);
      return {
        field: field.name,
        type: field.type,
        levels: definitions.map((d, k) => ({
          label: d.label,
          m: mLevels[k]!,
          u: u[c]![k]!,
          ...(start?.comparisons[c]?.levels[k]?.fixed ? { fixed: true } : {}),
        })),
      };
    }),
  };
}

function clusterPairs(
  input: PreparedInput,
  mode: LinkMode,
  rows: readonly store.ScoredPairRow[],
  parameters: LinkParameters,
  options: LinkOptions,
): { pairs: LinkedPair[]; clusters: LinkCluster[]; clusterCount: number } {
  const keyOf = (side: 0 | 1, id: string) => (mode === "dedupe" ? id : `${side === 0 ? "left" : "right"}:${id}`);
  let kept = rows.map((row) => ({ row, left: keyOf(0, row.leftId), right: keyOf(1, row.rightId), matchWeight: row.matchWeight }));
  if (options.oneToOne && mode === "link") kept = assignOneToOne(kept).sort((a, b) => a.row.leftRid - b.row.leftRid || a.row.rightRid - b.row.rightRid);
  const pairs = kept.map(({ row }) => ({
    leftId: row.leftId,
    rightId: row.rightId,
    matchWeight: row.matchWeight,
    matchProbability: probabilityOfWeight(row.matchWeight),
    ...(row.explanation ? { contributions: scorePair(parameters, row.explanation.levels, row.explanation.termFrequencies).contributions } : {}),
  }));
  // Records are clustered by their rid, keyed as above for the ids.
  const keys = mode === "dedupe" ? input.recordIds : input.recordIds.map((id, rid) => keyOf(input.sides[rid] === 0 ? 0 : 1, id));
  const roots = clusterRecordIndexes(
    keys,
    kept.map(({ row }) => [row.leftRid, row.rightRid] as const),
  );
  let clusterCount = 0;
  const clusters = input.recordIds.map((recordId, rid) => {
    if (roots[rid] === rid) clusterCount++;
    return { clusterId: keys[roots[rid]!]!, side: input.sides[rid] === 0 ? ("left" as const) : ("right" as const), recordId };
  });
  return { pairs, clusters, clusterCount };
}
