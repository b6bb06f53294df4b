import type { ColumnType, Generated } from "kysely";
import { z } from "zod";
import { PERSON_ROLES, SourceType, type PersonRole } from "../registry/model.ts";
import { BlockingRuleCount, EmDiagnostics, FieldType, LinkParameters, LinkWarning } from "./model.ts";

/**
 * Linkage inside the product (记录关联): the shapes of a model run on imported mentions — its request, its
 * stored record and report, its pairs with their explanation, and saved models. The engine's own shapes are
 * in `model.ts`.
 */

const MentionRole = z.enum(PERSON_ROLES);

/**
 * The mention features a run can compare, each with the comparison type the CLI would give it. `partner_name`
 * is the name of the other parent or spouse named in the same record (a delivery report's father, a marriage's
 * other party): family context that tells apart two women of one name and age, and finds a husband whose own
 * details a hospital wrote sparsely.
 */
export const MentionField = z.enum(["name", "sex", "birth_date", "id_number", "division_code", "phone", "partner_name"]);
export type MentionField = z.infer<typeof MentionField>;

export const MENTION_FIELD_TYPES: Readonly<Record<MentionField, FieldType>> = {
  name: "zh_name",
  sex: "sex",
  birth_date: "date",
  id_number: "resident_id",
  division_code: "division_code",
  phone: "phone",
  partner_name: "zh_name",
};

/** What a run compares unless told otherwise; the console also offers `partner_name` by default, where the scope has families. */
export const DEFAULT_MENTION_FIELDS: readonly MentionField[] = ["name", "sex", "birth_date", "id_number", "division_code"];

/** A division-code prefix: province 2, city 4, county 6, township 9, village 12 digits. */
export const DivisionPrefix = z.string().regex(/^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{3}([0-9]{3})?)?)?)?$/, "a 2-, 4-, 6-, 9- or 12-digit division code");

/** Which mentions a run reads: committed batches chosen by id or source type, or (neither given) every one. */
export const RunScope = z.object({
  batchIds: z.array(z.number().int().positive()).max(200).default([]),
  sourceTypes: z.array(SourceType).max(7).default([]),
  /** Empty: every person named in a record (subject, mother, child …). */
  roles: z.array(MentionRole).max(5).default([]),
});
export type RunScope = z.infer<typeof RunScope>;

export const StartRunRequest = z.object({
  /** Every mention must be filed within this division, and the caller's jurisdiction must cover it. */
  region: DivisionPrefix,
  scope: RunScope,
  fields: z.array(MentionField).min(1).max(MentionField.options.length).default([...DEFAULT_MENTION_FIELDS]),
  /** OR-list of blocking rules over the field names (`name`, `pinyin(name)`, `birth_date & sex` …); empty: the engine's default. */
  blockingRules: z.array(z.string().min(1).max(200)).max(20).default([]),
  threshold: z.number().min(0).max(1).default(0.5),
  /** Start from a saved model: used as it is, or with `retrain` as EM's start (fixed levels kept). */
  modelId: z.number().int().positive().optional(),
  retrain: z.boolean().default(false),
});
export type StartRunRequest = z.infer<typeof StartRunRequest>;

export const RunStatus = z.enum(["running", "succeeded", "failed"]);
export type RunStatus = z.infer<typeof RunStatus>;

export const RunFailure = z.object({ code: z.string(), message: z.object({ zh: z.string(), en: z.string() }) });
export type RunFailure = z.infer<typeof RunFailure>;

/** A run as listed: who, when, what, and its counts (no persons: analysts may read it). */
export const RunSummary = z.object({
  id: z.number().int(),
  region: z.string(),
  scope: RunScope,
  fields: z.array(MentionField),
  blockingRules: z.array(z.string()),
  threshold: z.number(),
  modelId: z.number().int().nullable(),
  retrain: z.boolean(),
  status: RunStatus,
  createdBy: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  mentions: z.number().int().nullable(),
  blockedPairs: z.number().nullable(),
  pairs: z.number().int().nullable(),
  clusters: z.number().int().nullable(),
  wallMs: z.number().int().nullable(),
  failure: RunFailure.nullable(),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const RunPage = z.object({ items: z.array(RunSummary), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
export type RunPage = z.infer<typeof RunPage>;

/** The engine's report (`LinkReport`) as stored, without anything about persons. */
export const RunReport = z.object({
  mode: z.enum(["dedupe", "link"]),
  records: z.object({ left: z.number(), right: z.number() }),
  fields: z.array(z.object({ name: z.string(), leftColumn: z.string(), rightColumn: z.string(), type: FieldType })),
  blocking: z.object({
    source: z.enum(["given", "default"]),
    budget: z.number().nullable(),
    maxPairsPerRule: z.number(),
    rules: z.array(BlockingRuleCount),
    blockedPairs: z.number(),
    allPairs: z.number(),
  }),
  uSampledPairs: z.number().nullable(),
  em: EmDiagnostics.nullable(),
  parameters: LinkParameters,
  threshold: z.number(),
  pairsAtOrAboveThreshold: z.number(),
  clusters: z.number(),
  weightHistogram: z.array(z.object({ weight: z.number(), pairs: z.number() })),
  timingsMs: z.record(z.string(), z.number()),
  warnings: z.array(LinkWarning),
});
export type RunReport = z.infer<typeof RunReport>;

/** One row per comparison level with its weight log2(m/u): the model as a table (what `--print-params` prints). */
export const ParameterLevel = z.object({
  field: z.string(),
  type: FieldType,
  level: z.string(),
  m: z.number(),
  u: z.number(),
  weight: z.number(),
  fixed: z.boolean(),
});
export type ParameterLevel = z.infer<typeof ParameterLevel>;

export const RunDetail = RunSummary.extend({ report: RunReport.nullable(), parameterLevels: z.array(ParameterLevel) });
export type RunDetail = z.infer<typeof RunDetail>;

export const JobPhase = z.enum(["queued", "reading", "load", "chooseBlocking", "blocking", "compare", "estimateU", "estimateM", "predict", "cluster", "storing", "done", "failed"]);
export type JobPhase = z.infer<typeof JobPhase>;

/** A run in progress: which stage it is in (in-process; the run row is the durable record). */
export const RunJob = z.object({
  runId: z.number().int(),
  startedAt: z.string(),
  phase: JobPhase,
  /** Stages finished so far, in order. */
  stages: z.array(z.object({ phase: JobPhase, at: z.string() })),
  failure: RunFailure.nullable(),
});
export type RunJob = z.infer<typeof RunJob>;

export const MentionSide = z.object({
  key: z.string(),
  sourceType: SourceType.nullable(),
  batchId: z.number().int(),
  rowNumber: z.number().int(),
  role: MentionRole,
  /** Masked (张*); null when the reader's jurisdiction does not show this mention. */
  name: z.string().nullable(),
  idNumber: z.string().nullable(),
  birthDate: z.string().nullable(),
  sex: z.string().nullable(),
  divisionCode: z.string().nullable(),
});
export type MentionSide = z.infer<typeof MentionSide>;

export const PairContribution = z.object({ field: z.string(), level: z.string(), weight: z.number(), tfAdjustment: z.number() });
export type PairContribution = z.infer<typeof PairContribution>;

export const RunPair = z.object({
  pairNumber: z.number().int(),
  matchProbability: z.number(),
  matchWeight: z.number(),
  /** The prior weight log2(λ/(1−λ)) the contributions start from (the waterfall's first bar). */
  priorWeight: z.number(),
  contributions: z.array(PairContribution),
  left: MentionSide,
  right: MentionSide,
});
export type RunPair = z.infer<typeof RunPair>;

export const PairPage = z.object({ items: z.array(RunPair), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
export type PairPage = z.infer<typeof PairPage>;

export const SaveModelRequest = z.object({ name: z.string().trim().min(1).max(100), parameters: LinkParameters });
export type SaveModelRequest = z.infer<typeof SaveModelRequest>;

export const SavedModel = z.object({
  id: z.number().int(),
  name: z.string(),
  region: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  parameters: LinkParameters,
});
export type SavedModel = z.infer<typeof SavedModel>;

// ---- Tables (migration 0030_linkage_run.sql) ----

type Json<T> = ColumnType<T, string, string>;

export interface LinkageRunTable {
  id: Generated<number>;
  region_code: string;
  scope: Json<RunScope>;
  fields: Json<MentionField[]>;
  blocking_rules: Json<string[]>;
  threshold: number;
  model_id: number | null;
  retrain: boolean;
  status: RunStatus;
  created_by: string;
  created_at: Generated<Date>;
  finished_at: Date | null;
  mention_count: number | null;
  blocked_pairs: number | null;
  pair_count: number | null;
  cluster_count: number | null;
  wall_ms: number | null;
  report: Json<RunReport> | null;
  failure: Json<RunFailure> | null;
}

export interface LinkagePairTable {
  run_id: number;
  pair_number: number;
  division_code: string | null;
  left_region_code: string;
  left_batch_id: number;
  left_row_number: number;
  left_role: PersonRole;
  right_region_code: string;
  right_batch_id: number;
  right_row_number: number;
  right_role: PersonRole;
  match_probability: number;
  match_weight: number;
  levels: number[];
  tf_adjustments: number[];
}

export interface LinkageClusterTable {
  run_id: number;
  region_code: string;
  batch_id: number;
  row_number: number;
  role: PersonRole;
  division_code: string | null;
  cluster_id: string;
}

export interface LinkageModelTable {
  id: Generated<number>;
  name: string;
  region_code: string;
  parameters: Json<LinkParameters>;
  created_by: string;
  created_at: Generated<Date>;
}
