/**
 * HTTP routes of linkage inside the product (记录关联), under /api/v1/linkage: start a run on imported mentions
 * (a background job with progress), list runs, read a run's report and parameters, its pairs with their
 * explanation, and save or load models. Runs and pairs are personal data (case workers, programme staff);
 * reports, parameters and saved models carry no persons, so analysts may read them too.
 */
import { z } from "zod";
import type { AppContext } from "../../http/app-context.ts";
import { getActor } from "../../http/authenticate.ts";
import { access } from "../../http/route-access.ts";
import type { ZodApp } from "../../http/zod-app.ts";
import { linkageErrors } from "./linkage-errors.ts";
import { LinkParameters } from "./model.ts";
import { openProductWorkspace } from "./link-workspace.ts";
import { RunJobs } from "./run-jobs.ts";
import { PairPage, RunDetail, RunJob, RunPage, SavedModel, SaveModelRequest, StartRunRequest } from "./run-model.ts";
import { getModel, getRun, listModels, listPairs, listRuns, saveModel, startRun } from "./run-service.ts";

const TAGS = ["linkage"];
/** Running a model reads persons' records; pairs name persons (DESIGN.md §8). */
const PERSONAL = { config: { access: access.roles(["case_worker", "programme_staff"], { personalData: true }) } };
/** Starting a run: the scope's region must lie in the caller's jurisdiction. */
const START = {
  config: { access: access.roles(["case_worker", "programme_staff"], { personalData: true, jurisdiction: { in: "body", name: "region" } }) },
};
/** Counts, parameters, diagnostics: no persons. */
const METADATA = { config: { access: access.roles(["analyst", "case_worker", "programme_staff"], { personalData: false }) } };
const SAVE_MODEL = { config: { access: access.roles(["case_worker", "programme_staff"], { personalData: false }) } };

const RunId = z.object({ id: z.coerce.number().int().positive() });
const Paging = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};
const PairQuery = z.object({
  ...Paging,
  minProbability: z.coerce.number().min(0).max(1).default(0),
  maxProbability: z.coerce.number().min(0).max(1).default(1),
});
export function registerLinkageRoutes(app: ZodApp, { db, engine }: AppContext, jobs: RunJobs = new RunJobs()): void {
  const openWorkspace = () => openProductWorkspace(db, engine);
  app.post(
    "/linkage/runs",
    {
      ...START,
      schema: {
        tags: TAGS,
        summary: "Start a model run on the imported mentions of a scope",
        description:
          "Deduplicates the persons named in the chosen committed batches (or source types) within a region, comparing the chosen features. 202 with the job; GET /linkage/runs/{id}/job reports its stage.",
        body: StartRunRequest,
        response: { 202: RunJob },
      },
    },
    async (request, reply) => {
      const deps = { db, jobs, openWorkspace, onError: (error: unknown) => request.log.error({ err: error }, "linkage run failed") };
      const job = await startRun(deps, getActor(request), request.body);
      return reply.code(202).send(job);
    },
  );

  app.get(
    "/linkage/runs",
    { ...METADATA, schema: { tags: TAGS, summary: "Runs overlapping the caller's jurisdiction, newest first", querystring: z.object(Paging), response: { 200: RunPage } } },
    async (request) => listRuns(db, getActor(request), request.query),
  );

  app.get(
    "/linkage/runs/:id",
    {
      ...METADATA,
      schema: {
        tags: TAGS,
        summary: "A run with its report: parameters (m, u per level, λ), EM sessions, blocking counts, weight histogram, timings",
        params: RunId,
        response: { 200: RunDetail },
      },
    },
    async (request) => getRun(db, getActor(request), request.params.id),
  );

  app.get(
    "/linkage/runs/:id/job",
    { ...METADATA, schema: { tags: TAGS, summary: "Progress of a run started by this server process", params: RunId, response: { 200: RunJob } } },
    async (request) => {
      await getRun(db, getActor(request), request.params.id);
      const job = jobs.find(request.params.id);
      if (job === undefined) throw linkageErrors.runNotFound(request.params.id);
      return job;
    },
  );

  app.get(
    "/linkage/runs/:id/parameters",
    {
      ...METADATA,
      schema: {
        tags: TAGS,
        summary: "The run's model as renkou-link-parameters/1 JSON (what `renkou link --params` reads)",
        params: RunId,
        response: { 200: LinkParameters },
      },
    },
    async (request) => {
      const run = await getRun(db, getActor(request), request.params.id);
      if (run.report === null) throw linkageErrors.runNotFound(request.params.id);
      return run.report.parameters;
    },
  );

  app.get(
    "/linkage/runs/:id/pairs",
    {
      ...PERSONAL,
      schema: {
        tags: TAGS,
        summary: "The run's pairs within the caller's jurisdiction, strongest first, names and ID numbers masked, with each comparison's contribution",
        params: RunId,
        querystring: PairQuery,
        response: { 200: PairPage },
      },
    },
    async (request) => listPairs(db, getActor(request), request.params.id, request.query),
  );

  app.get(
    "/linkage/models",
    { ...METADATA, schema: { tags: TAGS, summary: "Saved models", response: { 200: z.object({ items: z.array(SavedModel) }) } } },
    async (request) => ({ items: await listModels(db, getActor(request)) }),
  );

  app.get(
    "/linkage/models/:id",
    { ...METADATA, schema: { tags: TAGS, summary: "One saved model with its parameters", params: RunId, response: { 200: SavedModel } } },
    async (request) => getModel(db, getActor(request), request.params.id),
  );

  app.post(
    "/linkage/models",
    {
      ...SAVE_MODEL,
      schema: {
        tags: TAGS,
        summary: "Save parameters (from a run, or edited by hand: set `fixed: true` on a level, `lambdaFixed: true`) as a model",
        body: SaveModelRequest,
        response: { 201: SavedModel },
      },
    },
    async (request, reply) => reply.code(201).send(await saveModel(db, getActor(request), request.body)),
  );
}
