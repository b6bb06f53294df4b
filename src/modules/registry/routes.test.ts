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
  // Nothing places this row (no division, no ID): it is filed where the file was submitted.
  "赵六,,1990-01-01,男,,",
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
    expect(job.result).toMatchObject({ status: "committed", rows: 4, accepted: 2, quarantined: 2 });
    expect(job.progress.bytesTotal).toBe(Buffer.byteLength(CSV));
    batchId = job.result!.batch!;
  });

  it("lists batches and shows one with its counts by code", async () => {
    const list = (await request("GET", "/api/v1/registry/batches?limit=10")).json() as { items: Array<{ id: number; fileName: string }>; total: number };
    expect(list.items[0]).toMatchObject({ id: batchId, fileName: "户籍.csv" });
    const detail = await request("GET", `/api/v1/registry/batches/${batchId}`);
    expect(detail.json()).toMatchObject({ status: "committed", errorsByCode: { id_invalid: 1, id_missing: 1 }, mapping: ["name", "id_number", "birth_date", "sex", "division_code", null] });
  });

  it("shows quarantined rows with personal fields masked, and no way to list them unmasked", async () => {
    const masked = (await request("GET", `/api/v1/registry/batches/${batchId}/quarantine?reveal=true`)).json() as {
      items: Array<{ rowNumber: number; raw: Record<string, string>; codes: string[] }>;
    };
    expect(masked.items.map((item) => item.rowNumber)).toEqual([3, 5]);
    expect(masked.items[0]!.raw).toMatchObject({ 姓名: "王*", 公民身份号码: "3704**********0027" });
    expect(masked.items[0]!.codes).toEqual(["id_invalid"]);
  });

  it("unmasks one quarantined row only with a reason, and audits it", async () => {
    const url = `/api/v1/registry/batches/${batchId}/quarantine/3/unmask`;
    const json = { "content-type": "application/json" };
    const noReason = await request("POST", url, { payload: JSON.stringify({ reason: "" }), headers: json });
    expect(noReason.statusCode).toBe(400);
    const unmasked = await request("POST", url, { payload: JSON.stringify({ reason: "更正身份证号码" }), headers: json });
    expect(unmasked.statusCode, unmasked.body).toBe(200);
    expect(unmasked.json()).toMatchObject({ rowNumber: 3, raw: { 姓名: "王五", 公民身份号码: "370402198506150027" } });
    const entries = await t.database.db
      .selectFrom("audit_event")
      .select(["action", "target_type", "target_id", "region_code", "result", "detail"])
      .where("action", "=", "personal_data.unmask")
      .execute();
    expect(entries).toContainEqual(
      expect.objectContaining({ target_type: "quarantine_row", target_id: `${batchId}:3`, region_code: "370406101", result: "success", detail: { reason: "更正身份证号码" } }),
    );
    const missing = await request("POST", `/api/v1/registry/batches/${batchId}/quarantine/4/unmask`, { payload: JSON.stringify({ reason: "更正" }), headers: json });
    expect(missing.statusCode).toBe(404);
  });

  it("limits batches and quarantined rows to the reader's jurisdiction, down to a township", async () => {
    const db = t.database.db;
    const township = await createSignedInUser(db, [{ role: "case_worker", jurisdiction: "370406101" }]);
    const neighbour = await createSignedInUser(db, [{ role: "case_worker", jurisdiction: "370406102" }]);
    const elsewhere = await createSignedInUser(db, [{ role: "case_worker", jurisdiction: "370481" }]);
    const analyst = await createSignedInUser(db, [{ role: "analyst", jurisdiction: "3704" }]);
    const as = (user: SignedInUser, method: "GET" | "POST", url: string, payload?: unknown) =>
      t.app.inject({
        method,
        url,
        ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
        headers: { ...user.headers, ...(payload === undefined ? {} : { "content-type": "application/json" }) },
      });
    const quarantinedRows = async (user: SignedInUser) =>
      ((await as(user, "GET", `/api/v1/registry/batches/${batchId}/quarantine`)).json() as { items: Array<{ rowNumber: number }> }).items.map(
        (item) => item.rowNumber,
      );

    // The batch concerns 山亭区 (370406): its townships' staff see it, and only their own township's rows.
    expect(await quarantinedRows(township)).toEqual([3]);
    expect(await quarantinedRows(neighbour)).toEqual([]);
    // Row 5 is placed nowhere but where the file was submitted (3704), which no township covers.
    expect((await as(township, "POST", `/api/v1/registry/batches/${batchId}/quarantine/5/unmask`, { reason: "核对" })).statusCode).toBe(404);
    expect((await as(township, "POST", `/api/v1/registry/batches/${batchId}/quarantine/5/resubmit`, { cells: { 公民身份号码: "370402199001010013" } })).statusCode).toBe(404);

    // Another county does not learn that the batch exists.
    expect((await as(elsewhere, "GET", `/api/v1/registry/batches/${batchId}`)).statusCode).toBe(404);
    expect((await as(elsewhere, "GET", `/api/v1/registry/batches/${batchId}/quarantine`)).statusCode).toBe(404);
    const listed = (await as(elsewhere, "GET", "/api/v1/registry/batches")).json() as { items: Array<{ id: number }> };
    expect(listed.items.map((batch) => batch.id)).not.toContain(batchId);

    // Analysts see no persons at all.
    expect((await as(analyst, "GET", `/api/v1/registry/batches/${batchId}/quarantine`)).statusCode).toBe(403);
  });

  it("exports quarantined rows masked, or unmasked with a reason, with formula-like cells escaped", async () => {
    const withoutReason = await request("GET", `/api/v1/registry/batches/${batchId}/quarantine/export.xlsx?reveal=true`);
    expect(withoutReason.statusCode).toBe(400);
    const masked = await request("GET", `/api/v1/registry/batches/${batchId}/quarantine/export.xlsx`);
    expect(masked.statusCode).toBe(200);
    const maskedBook = new ExcelJS.Workbook();
    await maskedBook.xlsx.load(masked.rawPayload as unknown as ArrayBuffer);
    expect((maskedBook.worksheets[0]!.getSheetValues() as unknown[][])[2]).toContain("王*");
    const response = await request("GET", `/api/v1/registry/batches/${batchId}/quarantine/export.xlsx?reveal=true&reason=${encodeURIComponent("退回户籍科更正")}`);
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0]!.getSheetValues() as unknown[][];
    expect(rows[2]).toContain("'+1");
    expect(rows[2]).toContain(3);
    expect(rows[2]).toContain("王五");
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
    expect(response.json()).toMatchObject({ batch: { accepted: 3, quarantined: 1, resubmitted: 1 } });
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

  it("says in the preview what validation would make of each row, values masked", async () => {
    const response = await request("POST", "/api/v1/registry/previews?sourceType=hukou&rows=4", multipart(CSV));
    const { findings } = response.json() as { findings: Array<{ row: number; rejected: boolean; messages: Array<{ code: string; value?: string }> }> };
    expect(findings.map((finding) => [finding.row, finding.rejected])).toEqual([
      [2, false],
      [3, true],
      [4, false],
      [5, true],
    ]);
    expect(findings[1]!.messages).toEqual([expect.objectContaining({ code: "id_invalid", value: "3704**********0027" })]);
    expect(findings[3]!.messages.map((message) => message.code)).toEqual(["id_missing"]);
  });

  it("proposes a mapping for given headers with overrides", async () => {
    const response = await request("POST", "/api/v1/registry/mapping-preview", {
      payload: JSON.stringify({ sourceType: "hukou", headers: ["XM", "证件", "CSRQ", "XB"], overrides: ["证件=id_number"] }),
      headers: { "content-type": "application/json" },
    });
    expect(response.json()).toMatchObject({ columns: [{ field: "name" }, { field: "id_number", how: "override" }, { field: "birth_date" }, { field: "sex" }], problems: [] });
  });

  it("answers an upload over the size limit with 413", async () => {
    process.env.RENKOU_IMPORT_MAX_BYTES = "10";
    const small = await startTestApp().finally(() => delete process.env.RENKOU_IMPORT_MAX_BYTES);
    try {
      const user = await createSignedInUser(small.database.db, [{ role: "case_worker", jurisdiction: "3704" }]);
      const upload = multipart(CSV);
      const response = await small.app.inject({ method: "POST", url: "/api/v1/registry/imports?sourceType=hukou", payload: upload.payload, headers: { ...user.headers, ...upload.headers } });
      expect(response.statusCode).toBe(413);
      expect(response.json()).toMatchObject({ code: "file_too_large" });
    } finally {
      await small.close();
    }
  });

  it("lets a hospital reporter submit its delivery reports and see only its facility's batches", async () => {
    const db = t.database.db;
    const reporter = await createSignedInUser(db, [{ role: "hospital_reporter", jurisdiction: "370406", facility: "山亭区人民医院" }]);
    const colleague = await createSignedInUser(db, [{ role: "hospital_reporter", jurisdiction: "370406", facility: "山亭区人民医院" }]);
    const otherHospital = await createSignedInUser(db, [{ role: "hospital_reporter", jurisdiction: "370406", facility: "滕州市中心人民医院" }]);
    const as = (user: SignedInUser, method: "GET" | "POST", url: string, extra: { payload?: Buffer; headers?: Record<string, string> } = {}) =>
      t.app.inject({ method, url, ...(extra.payload ? { payload: extra.payload } : {}), headers: { ...user.headers, ...extra.headers } });
    const deliveries = multipart(
      ["产妇姓名,产妇身份证号码,新生儿性别,新生儿出生日期,报告日期,行政区划代码", "刘芳,370402199001010026,女,2024-03-01,2024-03-05,370406101"].join("\n"),
      "分娩报告.csv",
    );

    const started = await as(reporter, "POST", "/api/v1/registry/imports?sourceType=delivery", deliveries);
    expect(started.statusCode, started.body).toBe(202);
    let job = started.json() as ImportJob;
    for (let i = 0; i < 200 && job.progress.phase !== "done" && job.progress.phase !== "failed"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      job = (await as(reporter, "GET", `/api/v1/registry/jobs/${job.id}`)).json() as ImportJob;
    }
    expect(job.result).toMatchObject({ status: "committed", accepted: 1 });
    const reported = job.result!.batch!;

    const household = await as(reporter, "POST", "/api/v1/registry/imports?sourceType=hukou", multipart(CSV, "户籍2.csv"));
    expect(household.statusCode).toBe(403);
    expect(household.json()).toMatchObject({ code: "facility_source_not_allowed" });

    const listedBy = async (user: SignedInUser) =>
      ((await as(user, "GET", "/api/v1/registry/batches")).json() as { items: Array<{ id: number }> }).items.map((batch) => batch.id);
    expect(await listedBy(reporter)).toEqual([reported]);
    expect(await listedBy(colleague)).toEqual([reported]);
    expect(await listedBy(otherHospital)).toEqual([]);
    expect((await as(otherHospital, "GET", `/api/v1/registry/batches/${reported}`)).statusCode).toBe(404);
    // The case worker's quarantine is not a hospital's business.
    expect((await as(reporter, "GET", `/api/v1/registry/batches/${batchId}/quarantine`)).statusCode).toBe(403);
  });

  it("needs a signed-in case worker", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/v1/registry/batches" });
    expect(response.statusCode).toBe(401);
  });
});
