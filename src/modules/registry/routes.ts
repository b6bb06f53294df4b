/**
 * HTTP routes of the import module (数据导入), under /api/v1/registry. Uploads are streamed to a temporary
 * file (never buffered), then hashed and imported in the background; the job id answers progress queries.
 * Personal fields in responses are masked; one quarantined row is shown unmasked with the unmask permission
 * and a reason (audited), and a quarantine export likewise. Rows are read under row-level security.
 */
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { pipeline } from "node:stream/promises";
import fastifyMultipart from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../http/app-context.ts";
import { AppError, httpErrors } from "../../http/app-error.ts";
import { getActor, requestContext } from "../../http/authenticate.ts";
import { access } from "../../http/route-access.ts";
import { UnmaskRequest } from "../access/model.ts";
import type { ZodApp } from "../../http/zod-app.ts";
import { authoriseQuarantineExport, exportQuarantine } from "./export-quarantine.ts";
import { listHeaderDictionary, proposeMapping, REQUIRED_FIELDS } from "./header-dictionary.ts";
import { FILE_PROBLEMS } from "./import-codes.ts";
import { loadImportLimits, type ImportLimits } from "./source-files/import-limits.ts";
import { ImportJobs } from "./import-jobs.ts";
import { KnownDivisions } from "./known-divisions.ts";
import { importSourceFile } from "./import-source-file.ts";
import {
  Batch,
  BatchDetail,
  BatchStatus,
  ImportJob,
  IssueMessage,
  MappingProposal,
  QuarantineRow,
  QuarantineStatus,
  SourceType,
  STANDARD_FIELDS,
  StandardField,
  TextEncoding,
} from "./model.ts";
import { FilePreview, previewFile } from "./preview-file.ts";
import {
  batchViewerOf,
  findBatchDetail,
  listBatchPage,
  listQuarantinePage,
  resubmitQuarantineRow,
  submitterOf,
  unmaskQuarantineRow,
} from "./service.ts";

const TAGS = ["registry"];
/** Reading and correcting records about persons is case work (DESIGN.md §8). */
const PERSONAL = { config: { access: access.roles(["case_worker", "programme_staff"], { personalData: true }) } };
/** Files come from case workers, and from hospitals reporting their own deliveries and births. */
const SUBMIT = { config: { access: access.roles(["case_worker", "programme_staff", "hospital_reporter"], { personalData: true }) } };
/** Batch metadata, job progress and dictionaries carry no personal data; each submitter sees its own batches. */
const METADATA = { config: { access: access.roles(["case_worker", "programme_staff", "hospital_reporter"], { personalData: false }) } };
const BatchId = z.object({ id: z.coerce.number().int().positive() });
const QuarantineRowId = BatchId.extend({ row: z.coerce.number().int().positive() });
const Paging = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};
const Reveal = z
  .enum(["true", "false"])
  .default("false")
  .transform((value) => value === "true");
/** `map=HEADER=field`, repeated. */
const MapOverrides = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));
const ImportOptionsQuery = z.object({
  sourceType: SourceType,
  encoding: TextEncoding.optional(),
  sheet: z.string().min(1).max(100).optional(),
  map: MapOverrides,
});

export function registerRegistryRoutes(app: ZodApp, context: AppContext, limits: ImportLimits = loadImportLimits(process.env)): void {
  const { db } = context;
  const jobs = new ImportJobs();
  void app.register(fastifyMultipart, { limits: { fileSize: limits.maxFileBytes, files: 1, fields: 20 } });

  app.post(
    "/registry/imports",
    {
      ...SUBMIT,
      schema: {
        tags: TAGS,
        summary: "Upload a departmental file (multipart, one file part) and start importing it",
        description: "Options are query parameters; the response is the job, whose progress GET /registry/jobs/{id} reports.",
        querystring: ImportOptionsQuery,
        response: { 202: ImportJob },
      },
    },
    async (request, reply) => {
      const submitter = submitterOf(getActor(request), request.query.sourceType);
      const upload = await receiveUpload(request, limits);
      const options = request.query;
      const job = jobs.start(
        { sourceType: options.sourceType, fileName: upload.fileName },
        (onProgress) =>
          importSourceFile(
            db,
            {
              path: upload.path,
              fileName: upload.fileName,
              sourceType: options.sourceType,
              encoding: options.encoding,
              sheet: options.sheet,
              overrides: options.map,
              submitter,
            },
            { engine: context.engine, limits, onProgress },
          ).then(async (outcome) => {
            // Other modules catch up on the new batch (birth aggregates); a demo ends when real data arrives.
            if (outcome.summary.status === "committed" && outcome.summary.batch !== null) {
              await context.afterImportCommitted?.(outcome.summary.batch);
            }
            return outcome;
          }),
        upload.remove,
        (error) => request.log.error({ err: error }, "import failed"),
      );
      return reply.code(202).send(job);
    },
  );

  app.get(
    "/registry/jobs/:id",
    {
      ...METADATA,
      schema: {
        tags: TAGS,
        summary: "Progress and result of an import job",
        params: z.object({ id: z.uuid() }),
        response: { 200: ImportJob },
      },
    },
    async (request) => {
      const job = jobs.find(request.params.id);
      if (!job) throw httpErrors.notFound(`import job ${request.params.id}`);
      return job;
    },
  );

  app.get(
    "/registry/batches",
    {
      ...METADATA,
      schema: {
        tags: TAGS,
        summary: "Imported batches, newest first",
        querystring: z.object({ status: BatchStatus.optional(), sourceType: SourceType.optional(), ...Paging }),
        response: { 200: z.object({ items: z.array(Batch), total: z.number().int(), limit: z.number().int(), offset: z.number().int() }) },
      },
    },
    async (request) => {
      const { status, sourceType, limit, offset } = request.query;
      const visibleTo = batchViewerOf(getActor(request));
      return { ...(await listBatchPage(db, { status, sourceType, visibleTo }, limit, offset)), limit, offset };
    },
  );

  app.get(
    "/registry/batches/:id",
    { ...METADATA, schema: { tags: TAGS, summary: "One batch with its headers, mapping and counts by code", params: BatchId, response: { 200: BatchDetail } } },
    async (request) => {
      const batch = await findBatchDetail(db, getActor(request), request.params.id);
      if (!batch) throw httpErrors.notFound(`batch ${request.params.id}`);
      return batch;
    },
  );

  app.get(
    "/registry/batches/:id/quarantine",
    {
      ...PERSONAL,
      schema: {
        tags: TAGS,
        summary: "Quarantined rows of a batch inside the caller's jurisdiction, personal fields masked",
        params: BatchId,
        querystring: z.object({ status: QuarantineStatus.optional(), ...Paging }),
        response: { 200: z.object({ items: z.array(QuarantineRow), total: z.number().int(), limit: z.number().int(), offset: z.number().int() }) },
      },
    },
    async (request) => {
      const { status, limit, offset } = request.query;
      const page = await listQuarantinePage(db, getActor(request), request.params.id, { status, limit, offset });
      if (!page) throw httpErrors.notFound(`batch ${request.params.id}`);
      return { ...page, limit, offset };
    },
  );

  app.post(
    "/registry/batches/:id/quarantine/:row/unmask",
    {
      config: { access: access.roles(["case_worker", "programme_staff"], { personalData: true, audit: "service" }) },
      schema: {
        tags: TAGS,
        summary: "One quarantined row with its cells unmasked, to correct it (needs a reason; audited)",
        params: QuarantineRowId,
        body: UnmaskRequest,
        response: { 200: QuarantineRow },
      },
    },
    async (request) => {
      const { now, clientAddress } = requestContext(request);
      const { id, row } = request.params;
      const unmasked = await unmaskQuarantineRow(db, getActor(request), id, row, request.body.reason, { now, clientAddress });
      if (!unmasked) throw httpErrors.notFound(`quarantined row ${row} of batch ${id}`);
      return unmasked;
    },
  );

  app.post(
    "/registry/batches/:id/quarantine/:row/resubmit",
    {
      ...PERSONAL,
      schema: {
        tags: TAGS,
        summary: "Correct a quarantined row and store it in its batch",
        description: "`cells` maps headers to corrected values; headers left out keep their quarantined value.",
        params: QuarantineRowId,
        body: z.object({ cells: z.record(z.string(), z.string().max(10_000)) }),
        response: { 200: z.object({ batch: Batch, warnings: z.array(IssueMessage) }) },
      },
    },
    async (request) => {
      const result = await resubmitQuarantineRow(db, getActor(request), request.params.id, request.params.row, request.body.cells);
      if (result.ok) return result.value;
      throw resubmitError(result.reason, result.issues ?? []);
    },
  );

  app.get(
    "/registry/batches/:id/quarantine/export.xlsx",
    {
      ...PERSONAL,
      schema: {
        tags: TAGS,
        summary: "Quarantined rows as an XLSX workbook for the sending department (marks them exported)",
        description: "Masked by default; `reveal=true` with a `reason` exports the cells as sent (unmask permission; audited).",
        params: BatchId,
        querystring: z.object({ reveal: Reveal, reason: z.string().max(500).optional() }),
      },
    },
    async (request, reply) => {
      const output = new PassThrough();
      const actor = getActor(request);
      const { now, clientAddress } = requestContext(request);
      const plan = await authoriseQuarantineExport(db, actor, request.params.id, request.query, { now, clientAddress });
      if (!plan) throw httpErrors.notFound(`batch ${request.params.id}`);
      const fileName = `quarantine-batch-${plan.batch.id}.xlsx`;
      void exportQuarantine(db, actor, plan, output).catch((error: unknown) => {
        request.log.error({ err: error }, "quarantine export failed");
        output.destroy(error instanceof Error ? error : new Error(String(error)));
      });
      return reply
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename="${fileName}"`)
        .send(output);
    },
  );

  app.get(
    "/registry/dictionaries/:sourceType",
    {
      ...METADATA,
      schema: {
        tags: TAGS,
        summary: "The built-in header dictionary of a source type and the standard fields",
        params: z.object({ sourceType: SourceType }),
        response: {
          200: z.object({
            sourceType: SourceType,
            fields: z.array(StandardField),
            required: z.array(StandardField),
            headers: z.array(z.object({ header: z.string(), field: StandardField })),
          }),
        },
      },
    },
    async (request) => ({
      sourceType: request.params.sourceType,
      fields: [...STANDARD_FIELDS],
      required: [...REQUIRED_FIELDS[request.params.sourceType]],
      headers: listHeaderDictionary(request.params.sourceType),
    }),
  );

  app.post(
    "/registry/mapping-preview",
    {
      ...METADATA,
      schema: {
        tags: TAGS,
        summary: "How headers would map for a source type, with overrides (HEADER=field)",
        body: z.object({
          sourceType: SourceType,
          headers: z.array(z.string().max(200)).min(1).max(500),
          overrides: z.array(z.string().max(300)).max(500).default([]),
        }),
        response: { 200: MappingProposal },
      },
    },
    async (request) => proposeMapping(request.body.headers, request.body.sourceType, request.body.overrides),
  );

  app.post(
    "/registry/previews",
    {
      ...SUBMIT,
      schema: {
        tags: TAGS,
        summary: "Upload a file (multipart) to see its encoding, headers, mapping and first rows, without importing",
        querystring: ImportOptionsQuery.extend({ rows: z.coerce.number().int().min(1).max(50).default(10), reveal: Reveal }),
        response: { 200: FilePreview },
      },
    },
    async (request) => {
      const upload = await receiveUpload(request, limits);
      try {
        const { sourceType, encoding, sheet, map, rows, reveal } = request.query;
        const preview = await previewFile(upload.path, { sourceType, encoding, sheet, overrides: map, rows, reveal }, limits, new KnownDivisions(db));
        if (preview.ok) return preview.value;
        const failure = preview.failure!;
        throw new AppError(failure.code, 422, failure.message, failure.detail);
      } finally {
        await upload.remove();
      }
    },
  );
}

interface Upload {
  readonly path: string;
  readonly fileName: string;
  remove(): Promise<void>;
}

/** Streams the request's single file part to a private temporary directory. */
async function receiveUpload(request: FastifyRequest, limits: ImportLimits): Promise<Upload> {
  if (!request.isMultipart()) throw uploadError("upload_missing", 400, "expected multipart/form-data with one file part");
  const part = await request.file({ limits: { fileSize: limits.maxFileBytes } });
  if (!part) throw uploadError("upload_missing", 400, "no file part");
  const directory = await mkdtemp(join(tmpdir(), "renkou-upload-"));
  const remove = () => rm(directory, { recursive: true, force: true });
  const path = join(directory, "upload");
  try {
    await pipeline(part.file, createWriteStream(path, { mode: 0o600 }));
  } catch (error) {
    await remove();
    if ((error as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") {
      throw new AppError("file_too_large", 413, FILE_PROBLEMS.file_too_large, `limit ${limits.maxFileBytes} bytes`);
    }
    throw error;
  }
  if (part.file.truncated) {
    await remove();
    throw new AppError("file_too_large", 413, FILE_PROBLEMS.file_too_large, `limit ${limits.maxFileBytes} bytes`);
  }
  return { path, fileName: part.filename || "upload", remove };
}

const UPLOAD_MISSING = { zh: "请求中没有上传文件", en: "The request carries no uploaded file" };

function uploadError(code: "upload_missing", status: number, detail: string): AppError {
  return new AppError(code, status, UPLOAD_MISSING, detail);
}

const RESUBMIT_ERRORS = {
  batch_not_found: { status: 404, zh: "没有这个批次", en: "No such batch" },
  row_not_found: { status: 404, zh: "这个批次没有该隔离行", en: "The batch has no such quarantined row" },
  batch_not_committed: { status: 409, zh: "批次尚未提交，不能更正其中的行", en: "The batch is not committed; its rows cannot be corrected" },
  row_closed: { status: 409, zh: "该行已重新提交", en: "The row was already resubmitted" },
  row_still_invalid: { status: 422, zh: "更正后的行仍有错误", en: "The corrected row still has errors" },
} as const;

function resubmitError(reason: keyof typeof RESUBMIT_ERRORS, issues: readonly IssueMessage[]): AppError {
  const spec = RESUBMIT_ERRORS[reason];
  return new AppError(reason, spec.status, { zh: spec.zh, en: spec.en }, undefined, issues.length > 0 ? { issues } : undefined);
}
