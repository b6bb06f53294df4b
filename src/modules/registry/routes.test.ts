import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/test-app.ts";
import { createSignedInUser, type SignedInUser } from "../access/test-support/signed-in-user.ts";
import type { ImportJob } from "./model.ts";

const CSV = [
  "姓名,公民身份号码,出生日期,性别,行政区划代码,备注",
  "张伟,370402198506150028,1985-06-15,女,370406101,=HYPERLINK(1)",
  "王五,370402198506150027,1985-06-15,女,370406101,+1",
  "李强,440524188001010014,1880-01-01,男,370406,",
].join("\n");

function multipart(content: string | Buffer, fileName = "户籍.csv"): { payload: Buffer; headers: Record<string, string> } {
  const boundary = "----renkou-test-boundary";
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${fileName}"\r\ncontent-type: text/csv\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

describe("registry routes", () => {
  let t: TestApp;
  let caseWorker: SignedInUser;
  let batchId: number;
  beforeAll(async () => {
    t = await startTestApp();
    caseWorker = await createSignedInUser(t.database.db, [{ role: "case_worker", jurisdiction: "3704" }]);
  });
  afterAll(async () => {
    await t.close();
  });

  const request = (method: "GET" | "POST", url: string, extra: { payload?: unknown; headers?: Record<string, string> } = {}) =>
    t.app.inject({ method, url, ...(extra.payload === undefined ? {} : { payload: extra.payload as string }), headers: { ...caseWorker.headers, ...extra.headers } });

  async function waitForJob(id: string): Promise<ImportJob> {
    for (let i = 0; i < 200; i++) {
      const job = (await request("GET", `/api/v1/registry/jobs/${id}`)).json() as ImportJob;
      if (job.progress.phase === "done" || job.progress.phase === "failed") return job;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error("the import job did not finish");
  }

  it("imports an uploaded file in the background and reports its progress and result", async () => {
    const upload = multipart(CSV);
    const started = await request("POST", "/api/v1/registry/imports?sourceType=hukou", upload);
    expect(started.statusCode, started.body).toBe(202);
    const job = await waitForJob((started.json() as ImportJob).id);
    expect(job.result).toMatchObject({ status: "committed", rows: 3, accepted: 2, quarantined: 1 });
    expect(job.progress.bytesTotal).toBe(Buffer.byteLength(CSV));
    batchId = job.result!.batch!;
  });

  it("lists batches and shows one with its counts by code", async () => {
    const list = (await request("GET", "/api/v1/registry/batches?limit=10")).json() as { items: Array<{ id: number; fileName: string }>; total: number };
    expect(list.items[0]).toMatchObject({ id: batchId, fileName: "户籍.csv" });
    const detail = await request("GET", `/api/v1/registry/batches/${batchId}`);
    expect(detail.json()).toMatchObject({ status: "committed", errorsByCode: { id_invalid: 1 }, mapping: ["name", "id_number", "birth_date", "sex", "division_code", null] });
  });

  it("shows quarantined rows with personal fields masked unless revealed", async () => {
    const masked = (await request("GET", `/api/v1/registry/batches/${batchId}/quarantine`)).json() as { items: Array<{ raw: Record<string, string>; codes: string[] }> };
    expect(masked.items).toHaveLength(1);
    expect(masked.items[0]!.raw).toMatchObject({ 姓名: "王*", 公民身份号码: "3704**********0027" });
    expect(masked.items[0]!.codes).toEqual(["id_invalid"]);
    const revealed = (await request("GET", `/api/v1/registry/batches/${batchId}/quarantine?reveal=true`)).json() as { items: Array<{ raw: Record<string, string> }> };
    expect(revealed.items[0]!.raw.公民身份号码).toBe("370402198506150027");
  });

  it("exports quarantined rows to XLSX with formula-like cells escaped", async () => {
    const response = await request("GET", `/api/v1/registry/batches/${batchId}/quarantine/export.xlsx?reveal=true`);
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0]!.getSheetValues() as unknown[][];
    expect(rows[2]).toContain("'+1");
    expect(rows[2]).toContain(3);
    const after = (await request("GET", `/api/v1/registry/batches/${batchId}/quarantine`)).json() as { items: Array<{ status: string }> };
    expect(after.items[0]!.status).toBe("exported");
  });

  it("refuses a correction that is still wrong, naming the problem", async () => {
    const response = await request("POST", `/api/v1/registry/batches/${batchId}/quarantine/3/resubmit`, {
      payload: JSON.stringify({ cells: { 公民身份号码: "370402198506150026" } }),
      headers: { "content-type": "application/json" },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: "row_still_invalid", issues: [{ code: "id_invalid" }] });
  });

  it("stores a corrected row in its batch", async () => {
    const response = await request("POST", `/api/v1/registry/batches/${batchId}/quarantine/3/resubmit`, {
      payload: JSON.stringify({ cells: { 公民身份号码: "370402198506150028", 姓名: "王五" } }),
      headers: { "content-type": "application/json" },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ batch: { accepted: 3, quarantined: 0, resubmitted: 1 } });
    const again = await request("POST", `/api/v1/registry/batches/${batchId}/quarantine/3/resubmit`, {
      payload: JSON.stringify({ cells: {} }),
      headers: { "content-type": "application/json" },
    });
    expect(again.statusCode).toBe(409);
  });

  it("counts imports in the overview", async () => {
    const overview = (await request("GET", "/api/v1/overview")).json() as { batches: { committed: number }; records: { accepted: number } };
    expect(overview.batches.committed).toBeGreaterThanOrEqual(1);
    expect(overview.records.accepted).toBeGreaterThanOrEqual(3);
  });

  it("previews a file's mapping and first rows without importing it", async () => {
    const response = await request("POST", "/api/v1/registry/previews?sourceType=hukou&rows=1", multipart(CSV));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ format: "csv", encoding: "utf-8", rows: [{ 姓名: "张*" }], proposal: { missingRequired: [] } });
  });

  it("proposes a mapping for given headers with overrides", async () => {
    const response = await request("POST", "/api/v1/registry/mapping-preview", {
      payload: JSON.stringify({ sourceType: "hukou", headers: ["XM", "证件", "CSRQ", "XB"], overrides: ["证件=id_number"] }),
      headers: { "content-type": "application/json" },
    });
    expect(response.json()).toMatchObject({ columns: [{ field: "name" }, { field: "id_number", how: "override" }, { field: "birth_date" }, { field: "sex" }], problems: [] });
  });

  it("answers an upload over the size limit with 413", async () => {
    const { registerRegistryRoutes } = await import("./routes.ts");
    const Fastify = (await import("fastify")).default;
    const { serializerCompiler, validatorCompiler } = await import("fastify-type-provider-zod");
    const { classifyError, sendProblem } = await import("../../http/problem.ts");
    const small = Fastify();
    small.setValidatorCompiler(validatorCompiler);
    small.setSerializerCompiler(serializerCompiler);
    small.setErrorHandler((error, req, reply) => sendProblem(reply, req, classifyError(error)));
    await small.register(async (scope) => registerRegistryRoutes(scope as never, { db: t.database.db, engine: t.database.engine, version: "t", demo: false, databaseState: () => "up" }, { ...(await import("./source-files/import-limits.ts")).ImportLimits.parse({}), maxFileBytes: 10 }), { prefix: "/api/v1" });
    const response = await small.inject({ method: "POST", url: "/api/v1/registry/imports?sourceType=hukou", ...multipart(CSV) });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: "file_too_large" });
    await small.close();
  });

  it("needs a signed-in case worker", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/v1/registry/batches" });
    expect(response.statusCode).toBe(401);
  });
});
