/**
 * Linkage inside the product (记录关联): run the CLI's engine (`runLinkage`) on imported mentions, keep the run,
 * its model, report, pairs and clusters, and read them back under the reader's jurisdiction.
 *
 * Jurisdiction: starting a run needs personal-data access over the scope's region (the route checks it);
 * the mentions are read under row-level security as the actor, so a run never sees a person the actor could
 * not. The engine then works as the owner on its temporary tables, and the pairs are stored with the division
 * that holds both mentions, so readers see a pair only when their jurisdiction covers both persons.
 */
import type { Db } from "../../db/database.ts";
import { maskMiddle, maskName } from "../../kernel/masking.ts";
import type { Actor } from "../access/actor.ts";
import { jurisdictionsWith, type GrantScope, type Permission } from "../access/roles.ts";
import { withJurisdiction } from "../access/with-jurisdiction.ts";
import { parseBlockingRule } from "./blocking-rule.ts";
import { checkParametersFitFields } from "./link-parameters.ts";
import { linkageErrors } from "./linkage-errors.ts";
import type { LinkParameters } from "./model.ts";
import { fileMentionUnder, formatMentionKey, mentionFieldSpecs, parseMentionKey, prepareMentionInput, sharedDivision, type MentionRow } from "./mention-input.ts";
import type { LinkWorkspace } from "./link-workspace.ts";
import { runLinkage, type LinkOutcome } from "./run-linkage.ts";
import type { JobPhase, MentionSide, PairContribution, ParameterLevel, PairPage, RunDetail, RunFailure, RunJob, RunPage, RunSummary, SavedModel, SaveModelRequest, StartRunRequest } from "./run-model.ts";
import { RunReport } from "./run-model.ts";
import { RUN_FAILED, RUN_INTERRUPTED, type RunJobs } from "./run-jobs.ts";
import * as runStore from "./run-store.ts";
import { priorWeightOf, toLog2BayesFactor } from "./score-pair.ts";

/** Counts, parameters and reports carry no persons: whoever may read aggregates may read them. */
const METADATA_PERMISSION: Permission = "aggregates.read";
const PERSONAL_PERMISSION: Permission = "personal_data.read";

/** Whoever reads: only their grants matter (an `Actor`, or a test's grants). */
export interface Reader {
  readonly grants: readonly GrantScope[];
}

export interface LinkageDeps {
  readonly db: Db;
  readonly jobs: RunJobs;
  readonly onError: (error: unknown) => void;
  /** Where the engine's working tables go (link-workspace.ts); the product's database when absent. */
  readonly openWorkspace?: () => Promise<LinkWorkspace>;
}

/** Checks the request, records the run and starts it in the background; the job reports its stages. */
export async function startRun(deps: LinkageDeps, actor: Actor, request: StartRunRequest): Promise<RunJob> {
  const specs = mentionFieldSpecs(request.fields);
  for (const text of request.blockingRules) {
    const rule = parseBlockingRule(text, specs);
    if (!rule.ok) throw linkageErrors.blockingRuleInvalid(text, rule.detail ?? rule.reason);
  }
  let parameters: LinkParameters | undefined;
  if (request.modelId !== undefined) {
    const model = await runStore.findModel(deps.db, request.modelId, jurisdictionsWith(actor.grants, METADATA_PERMISSION));
    if (model === undefined) throw linkageErrors.modelNotFound(request.modelId);
    const fit = checkParametersFitFields(model.parameters, specs);
    if (!fit.ok) throw linkageErrors.modelMismatch(fit.detail ?? fit.reason);
    parameters = model.parameters;
  }
  const runId = await runStore.insertRun(deps.db, request, actor.username);
  const work = async (onPhase: (phase: JobPhase) => void) => {
    const started = performance.now();
    try {
      return await executeRun(deps.db, actor, runId, request, parameters, onPhase, deps.openWorkspace);
    } catch (error) {
      // The row must not stay `running`; if the database itself is gone, the job still reports the failure.
      const failure = { code: "run_failed", message: RUN_FAILED };
      await runStore.markRunFailed(deps.db, runId, failure, null, Math.round(performance.now() - started)).catch(deps.onError);
      throw error;
    }
  };
  return deps.jobs.start(runId, work, deps.onError);
}

/**
 * On the embedded engine one process owns the database (its lock file), so at start-up a run still marked
 * running was cut off by the previous process's end: it is marked failed (`run_interrupted`). On a server
 * other instances may be running runs, so nothing is touched there.
 */
export async function failInterruptedRuns(db: Db): Promise<number> {
  return runStore.failRunningRuns(db, { code: "run_interrupted", message: RUN_INTERRUPTED });
}

/** The run itself: read mentions → prepare → engine → store pairs and clusters. Resolves with a failure or null. */
export async function executeRun(
  db: Db,
  actor: Reader,
  runId: number,
  request: StartRunRequest,
  parameters: LinkParameters | undefined,
  onPhase: (phase: JobPhase) => void = () => {},
  openWorkspace: () => Promise<LinkWorkspace> = async () => ({ db, close: async () => {} }),
): Promise<RunFailure | null> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  onPhase("reading");
  const batchIds = await runStore.findScopeBatchIds(db, request.scope);
  const candidates = await withJurisdiction(db, actor, PERSONAL_PERMISSION, (trx) =>
    runStore.listScopeMentions(trx, batchIds, request.region, request.scope.roles),
  );
  const mentions = candidates.filter((mention) => fileMentionUnder(mention)?.startsWith(request.region) === true);
  const fail = async (failure: RunFailure) => {
    await runStore.markRunFailed(db, runId, failure, mentions.length, elapsed());
    return failure;
  };
  if (mentions.length < 2) {
    return fail({ code: "too_few_mentions", message: linkageErrors.tooFewMentions(mentions.length) });
  }
  const prepared = await prepareMentionInput(mentions, request.fields);
  if (!prepared.ok) return fail({ code: prepared.reason, message: { zh: prepared.zh, en: prepared.en } });
  const workspace = await openWorkspace();
  const result = await runLinkage(workspace.db, prepared.value, {
    blockingRules: request.blockingRules.length > 0 ? request.blockingRules : undefined,
    threshold: request.threshold,
    parameters,
    retrain: request.retrain,
    explain: true,
    onStage: (stage) => {
      const phase = toJobPhase(stage);
      if (phase !== undefined) onPhase(phase);
    },
  }).finally(() => workspace.close());
  if (!result.ok) return fail({ code: result.reason, message: { zh: result.zh, en: result.en } });
  onPhase("storing");
  await storeOutcome(db, runId, mentions, result.value, elapsed);
  return null;
}

function toJobPhase(stage: string): JobPhase | undefined {
  const phases: readonly string[] = ["load", "chooseBlocking", "blocking", "compare", "estimateU", "estimateM", "predict", "cluster"];
  return phases.includes(stage) ? (stage as JobPhase) : undefined;
}

async function storeOutcome(db: Db, runId: number, mentions: readonly MentionRow[], outcome: LinkOutcome, elapsed: () => number): Promise<void> {
  const labels = outcome.report.parameters.comparisons.map((comparison) => comparison.levels.map((level) => level.label));
  const filedUnder = new Map(mentions.map((mention) => [formatMentionKey(mention), fileMentionUnder(mention)] as const));
  const pairs: runStore.PairInsert[] = outcome.pairs.map((pair, index) => {
    const left = parseMentionKey(pair.leftId);
    const right = parseMentionKey(pair.rightId);
    return {
      run_id: runId,
      pair_number: index + 1,
      division_code: sharedDivision(filedUnder.get(pair.leftId) ?? null, filedUnder.get(pair.rightId) ?? null),
      left_region_code: left.regionCode,
      left_batch_id: left.batchId,
      left_row_number: left.rowNumber,
      left_role: left.role,
      right_region_code: right.regionCode,
      right_batch_id: right.batchId,
      right_row_number: right.rowNumber,
      right_role: right.role,
      match_probability: pair.matchProbability,
      match_weight: pair.matchWeight,
      levels: (pair.contributions ?? []).map((c, i) => labels[i]!.indexOf(c.level)),
      tf_adjustments: (pair.contributions ?? []).map((c) => c.tfAdjustment),
    };
  });
  const clusterSizes = new Map<string, number>();
  for (const member of outcome.clusters) clusterSizes.set(member.clusterId, (clusterSizes.get(member.clusterId) ?? 0) + 1);
  const members = outcome.clusters
    .filter((member) => (clusterSizes.get(member.clusterId) ?? 0) > 1)
    .map((member) => {
      const key = parseMentionKey(member.recordId);
      return {
        run_id: runId,
        region_code: key.regionCode,
        batch_id: key.batchId,
        row_number: key.rowNumber,
        role: key.role,
        division_code: filedUnder.get(member.recordId) ?? null,
        cluster_id: member.clusterId,
      };
    });
  const report = RunReport.parse(outcome.report);
  await db.transaction().execute(async (trx) => {
    await runStore.insertPairs(trx, pairs);
    await runStore.insertClusterMembers(trx, members);
    await runStore.markRunSucceeded(trx, runId, { mentions: mentions.length, report, wallMs: elapsed() });
  });
}

// ---- Reads ----

function toSummary(row: runStore.RunRow): RunSummary {
  return {
    id: row.id,
    region: row.region,
    scope: row.scope,
    fields: row.fields,
    blockingRules: row.blockingRules,
    threshold: row.threshold,
    modelId: row.modelId,
    retrain: row.retrain,
    status: row.status,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    mentions: row.mentions,
    blockedPairs: row.blockedPairs,
    pairs: row.pairs,
    clusters: row.clusters,
    wallMs: row.wallMs,
    failure: row.failure,
  };
}

export async function listRuns(db: Db, actor: Reader, page: { limit: number; offset: number }): Promise<RunPage> {
  const { items, total } = await runStore.listRunPage(db, jurisdictionsWith(actor.grants, METADATA_PERMISSION), page.limit, page.offset);
  return { items: items.map(toSummary), total, ...page };
}

/** A run whose region overlaps the reader's jurisdiction; 404 otherwise (a 403 would confirm it exists). */
export async function getRun(db: Db, actor: Reader, runId: number): Promise<RunDetail> {
  const row = await runStore.findRun(db, runId, jurisdictionsWith(actor.grants, METADATA_PERMISSION));
  if (row === undefined) throw linkageErrors.runNotFound(runId);
  const report = row.report ?? null;
  return { ...toSummary(row), report, parameterLevels: report === null ? [] : tabulateParameters(report.parameters) };
}

export function tabulateParameters(parameters: LinkParameters): ParameterLevel[] {
  return parameters.comparisons.flatMap((comparison) =>
    comparison.levels.map((level) => ({
      field: comparison.field,
      type: comparison.type,
      level: level.label,
      m: level.m,
      u: level.u,
      weight: toLog2BayesFactor(level.m, level.u),
      fixed: level.fixed === true,
    })),
  );
}

export interface PairQuery {
  readonly limit: number;
  readonly offset: number;
  readonly minProbability: number;
  readonly maxProbability: number;
}

/** A page of a run's pairs, names and ID numbers masked, under row-level security as the reader. */
export async function listPairs(db: Db, actor: Reader, runId: number, query: PairQuery): Promise<PairPage> {
  const run = await runStore.findRun(db, runId, jurisdictionsWith(actor.grants, PERSONAL_PERMISSION));
  if (run === undefined) throw linkageErrors.runNotFound(runId);
  if (run.report === undefined || run.report === null) throw linkageErrors.runNotFound(runId);
  const parameters = run.report.parameters;
  const priorWeight = priorWeightOf(parameters.lambda);
  const page = await withJurisdiction(db, actor, PERSONAL_PERMISSION, (trx) => runStore.listPairPage(trx, runId, query));
  return {
    items: page.items.map((pair) => ({
      pairNumber: pair.pairNumber,
      matchProbability: pair.matchProbability,
      matchWeight: pair.matchWeight,
      priorWeight,
      contributions: explainLevels(parameters, pair.levels, pair.tfAdjustments),
      left: toMentionSide(pair.left),
      right: toMentionSide(pair.right),
    })),
    total: page.total,
    limit: query.limit,
    offset: query.offset,
  };
}

/** A stored pair's contributions: each level's weight log2(m/u) from the run's parameters, plus its tf adjustment. */
export function explainLevels(parameters: LinkParameters, levels: readonly number[], tfAdjustments: readonly number[]): PairContribution[] {
  return parameters.comparisons.map((comparison, c) => {
    const level = comparison.levels[levels[c] ?? -1];
    return {
      field: comparison.field,
      level: level === undefined ? "null" : level.label,
      weight: level === undefined ? 0 : toLog2BayesFactor(level.m, level.u),
      tfAdjustment: tfAdjustments[c] ?? 0,
    };
  });
}

function toMentionSide(mention: runStore.PairRow["left"]): MentionSide {
  return {
    key: formatMentionKey(mention),
    sourceType: mention.sourceType,
    batchId: mention.batchId,
    rowNumber: mention.rowNumber,
    role: mention.role,
    name: mention.nameNorm === null ? null : maskName(mention.nameNorm),
    idNumber: mention.idNumber === null ? null : maskMiddle(mention.idNumber, 4, 4),
    birthDate: mention.birthDate,
    sex: mention.sex,
    divisionCode: mention.divisionCode,
  };
}

// ---- Saved models ----

/** Saves parameters (from a run, or edited by hand) under the actor's jurisdiction for its personal data. */
export async function saveModel(db: Db, actor: Actor, request: SaveModelRequest): Promise<SavedModel> {
  const regions = jurisdictionsWith(actor.grants, PERSONAL_PERMISSION);
  const region = regions[0];
  if (region === undefined) throw linkageErrors.noJurisdiction();
  const id = await runStore.insertModel(db, { name: request.name, region, parameters: request.parameters, createdBy: actor.username });
  return getModel(db, actor, id);
}

export async function listModels(db: Db, actor: Reader): Promise<SavedModel[]> {
  const rows = await runStore.listModels(db, jurisdictionsWith(actor.grants, METADATA_PERMISSION));
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}

export async function getModel(db: Db, actor: Reader, modelId: number): Promise<SavedModel> {
  const row = await runStore.findModel(db, modelId, jurisdictionsWith(actor.grants, METADATA_PERMISSION));
  if (row === undefined) throw linkageErrors.modelNotFound(modelId);
  return { ...row, createdAt: row.createdAt.toISOString() };
}
