import type { ServerMeta } from "../../src/http/meta-model.ts";
import type { Problem as ServerProblem } from "../../src/http/problem.ts";
import type {
  AuditEvent,
  AuditPageQuery,
  AuditQuery,
  AuditVerification,
  CreatedUser,
  CreateUserRequest,
  Grant,
  GrantRequest,
  LoginRequest,
  SessionInfo,
  SetupCompleteRequest,
  TotpEnrolment,
  User,
} from "../../src/modules/access/model.ts";
import type { Division, DivisionWithAncestors } from "../../src/modules/divisions/model.ts";
import type { Overview } from "../../src/modules/overview/model.ts";

// Types only: the server's Zod schemas are the contract, and `import type` keeps Zod out of the bundle.
export type { ServerMeta, Overview };
export type { AuditEvent, AuditVerification, CreatedUser, Division, Grant, SessionInfo, TotpEnrolment, User };

/**
 * The server's error body (RFC 9457 problem details with a stable `code` and a two-language message), or one
 * made up here when no server answered — then there is no request ID to quote.
 */
export type Problem = Omit<ServerProblem, "requestId"> & {
  readonly requestId?: string;
  /** How long to wait before trying again (lockout, rate limit), from the body or the Retry-After header. */
  readonly retryAfterSeconds?: number;
};

/** A failed API call. `problem` is the server's body, or one made up here when the server could not answer. */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(`${problem.code}: ${problem.message.en}`);
    this.name = "ApiError";
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }
}

export function getMeta(signal?: AbortSignal): Promise<ServerMeta> {
  return getJson<ServerMeta>("/api/v1/meta", signal);
}

export function getOverview(signal?: AbortSignal): Promise<Overview> {
  return getJson<Overview>("/api/v1/overview", signal);
}

function getJson<T>(path: string, signal: AbortSignal | undefined): Promise<T> {
  return sendJson<T>("GET", path, { signal });
}

// ---- Session plumbing: CSRF token and the "signed out" signal (src/modules/access/README.md) ----

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

interface SendOptions {
  readonly body?: unknown;
  readonly signal?: AbortSignal | undefined;
  /** False for sign-in, where 401 means "wrong credentials", not "the session has ended". */
  readonly reportUnauthorised?: boolean;
}

let csrfToken: string | undefined;
const unauthorisedListeners = new Set<(problem: Problem) => void>();
let lastAnswerAt = Date.now();

/** The session's CSRF token (from sign-in or `GET auth/me`), sent as `x-csrf-token` on every state change. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** When the server last answered a request (its idle timeout counts from the last request it saw). */
export function lastServerAnswerAt(): number {
  return lastAnswerAt;
}

/** Calls `listener` on every 401 answer: the session ended (idle timeout, sign-out elsewhere, disabled). */
export function onUnauthorised(listener: (problem: Problem) => void): () => void {
  unauthorisedListeners.add(listener);
  return () => unauthorisedListeners.delete(listener);
}

/** One request; resolves with an OK response, or throws ApiError with the server's problem. */
async function send(method: Method, path: string, options: SendOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken !== undefined) headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      signal: options.signal,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
  } catch (error) {
    if (options.signal?.aborted === true) throw error;
    throw new ApiError(unreachableProblem(path));
  }
  return answered(path, response, options);
}

/** The server's answer: returned when OK, else thrown as ApiError (401 also tells the session it ended). */
async function answered(path: string, response: Response, options: SendOptions): Promise<Response> {
  lastAnswerAt = Date.now();
  if (response.ok) return response;
  const body = await readJson(response);
  const problem = withRetryAfter(isProblem(body) ? body : unexpectedProblem(path, response), response);
  if (response.status === 401 && options.reportUnauthorised !== false) {
    for (const listener of unauthorisedListeners) listener(problem);
  }
  throw new ApiError(problem);
}

/**
 * POSTs one file as multipart/form-data. XMLHttpRequest rather than fetch, because only it reports upload
 * progress — a 100 MB extract takes a while to leave an office PC.
 */
function sendFile(path: string, file: Blob, fileName: string, options: { readonly signal?: AbortSignal | undefined; readonly onUpload?: (loaded: number, total: number) => void }): Promise<Response> {
  const form = new FormData();
  form.append("file", file, fileName);
  return new Promise<Response>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", path);
    request.withCredentials = true;
    request.setRequestHeader("accept", "application/json");
    if (csrfToken !== undefined) request.setRequestHeader("x-csrf-token", csrfToken);
    request.responseType = "blob";
    if (options.onUpload !== undefined) {
      const onUpload = options.onUpload;
      request.upload.addEventListener("progress", (event) => onUpload(event.loaded, event.lengthComputable ? event.total : file.size));
    }
    const abort = () => request.abort();
    options.signal?.addEventListener("abort", abort, { once: true });
    request.addEventListener("loadend", () => {
      options.signal?.removeEventListener("abort", abort);
      if (options.signal?.aborted === true) return reject(options.signal.reason);
      if (request.status === 0) return reject(new ApiError(unreachableProblem(path)));
      const headers = new Headers();
      for (const line of request.getAllResponseHeaders().trim().split(/\r?\n/)) {
        const colon = line.indexOf(":");
        if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
      }
      const response = new Response(request.response as Blob, { status: request.status, statusText: request.statusText, headers });
      answered(path, response, {}).then(resolve, reject);
    });
    request.send(form);
  });
}

async function sendJson<T>(method: Method, path: string, options: SendOptions = {}): Promise<T> {
  const response = await send(method, path, options);
  const body = await readJson(response);
  if (body !== undefined) return body as T;
  throw new ApiError(unexpectedProblem(path, response));
}

function withRetryAfter(problem: Problem, response: Response): Problem {
  if (typeof problem.retryAfterSeconds === "number") return problem;
  const header = Number(response.headers.get("retry-after") ?? Number.NaN);
  return Number.isFinite(header) ? { ...problem, retryAfterSeconds: header } : problem;
}

function queryString(query: Readonly<Record<string, string | number | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== "") params.set(key, String(value));
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}

async function readJson(response: Response): Promise<unknown> {
  const type = response.headers.get("content-type") ?? "";
  if (!type.includes("json")) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function isProblem(body: unknown): body is Problem {
  if (typeof body !== "object" || body === null) return false;
  const { code, status, message } = body as Record<string, unknown>;
  return (
    typeof code === "string" &&
    typeof status === "number" &&
    typeof message === "object" &&
    message !== null &&
    typeof (message as Record<string, unknown>).zh === "string" &&
    typeof (message as Record<string, unknown>).en === "string"
  );
}

function unreachableProblem(path: string): Problem {
  return {
    type: "about:blank",
    title: "Server unreachable",
    status: 0,
    code: "server_unreachable",
    detail: path,
    message: {
      zh: "无法连接服务器。请检查网络，或确认人口信息平台服务已启动，然后重试。",
      en: "Cannot reach the server. Check the network or that the renkou server is running, then retry.",
    },
  };
}

function unexpectedProblem(path: string, response: Response): Problem {
  const requestId = response.headers.get("x-request-id") ?? undefined;
  return {
    type: "about:blank",
    title: response.statusText || "Unexpected response",
    status: response.status,
    code: "unexpected_response",
    detail: path,
    message: {
      zh: `服务器返回了无法识别的响应（HTTP ${response.status}）。请稍后重试。`,
      en: `The server sent a response the console does not understand (HTTP ${response.status}). Please retry later.`,
    },
    ...(requestId === undefined ? {} : { requestId }),
  };
}

// ---- Access: sign-in, first-run setup, accounts, grants, audit trail (src/modules/access) ----

export function getSession(signal?: AbortSignal): Promise<SessionInfo> {
  return sendJson<SessionInfo>("GET", "/api/v1/auth/me", { signal });
}

export function signIn(request: LoginRequest): Promise<SessionInfo> {
  return sendJson<SessionInfo>("POST", "/api/v1/auth/login", { body: request, reportUnauthorised: false });
}

export async function signOut(): Promise<void> {
  await send("POST", "/api/v1/auth/logout", { reportUnauthorised: false });
}

export async function changeOwnPassword(request: { readonly currentPassword: string; readonly newPassword: string }): Promise<void> {
  await send("POST", "/api/v1/auth/password", { body: request });
}

export function getSetupStatus(signal?: AbortSignal): Promise<{ readonly required: boolean }> {
  return sendJson("GET", "/api/v1/setup", { signal });
}

export function beginSetup(token: string): Promise<TotpEnrolment> {
  return sendJson<TotpEnrolment>("POST", "/api/v1/setup/totp", { body: { token }, reportUnauthorised: false });
}

export function completeSetup(request: SetupCompleteRequest): Promise<{ readonly id: string; readonly username: string }> {
  return sendJson("POST", "/api/v1/setup/complete", { body: request, reportUnauthorised: false });
}

export async function listUsers(signal?: AbortSignal): Promise<User[]> {
  return (await sendJson<{ items: User[] }>("GET", "/api/v1/users", { signal })).items;
}

export function createUser(request: CreateUserRequest): Promise<CreatedUser> {
  return sendJson<CreatedUser>("POST", "/api/v1/users", { body: request });
}

export type UserAction = "disable" | "enable" | "unlock";

export async function changeUserState(userId: string, action: UserAction): Promise<void> {
  await send("POST", `/api/v1/users/${encodeURIComponent(userId)}/${action}`);
}

export function resetUserTotp(userId: string): Promise<TotpEnrolment> {
  return sendJson<TotpEnrolment>("POST", `/api/v1/users/${encodeURIComponent(userId)}/reset-totp`);
}

export async function resetUserPassword(userId: string, password: string): Promise<void> {
  await send("POST", `/api/v1/users/${encodeURIComponent(userId)}/reset-password`, { body: { password } });
}

export function addGrant(userId: string, request: GrantRequest): Promise<Grant> {
  return sendJson<Grant>("POST", `/api/v1/users/${encodeURIComponent(userId)}/grants`, { body: request });
}

export async function revokeGrant(userId: string, grantId: string): Promise<void> {
  await send("DELETE", `/api/v1/users/${encodeURIComponent(userId)}/grants/${encodeURIComponent(grantId)}`);
}

export async function searchAuditEvents(query: AuditPageQuery, signal?: AbortSignal): Promise<AuditEvent[]> {
  return (await sendJson<{ items: AuditEvent[] }>("GET", `/api/v1/audit/events${queryString(query)}`, { signal })).items;
}

export interface AuditExport {
  readonly csv: Blob;
  readonly filename: string;
  /** More entries matched than one export holds (100,000). */
  readonly truncated: boolean;
}

export async function exportAuditCsv(query: AuditQuery): Promise<AuditExport> {
  const response = await send("GET", `/api/v1/audit/export${queryString(query)}`);
  const disposition = response.headers.get("content-disposition") ?? "";
  return {
    csv: await response.blob(),
    filename: /filename="([^"]+)"/.exec(disposition)?.[1] ?? "renkou-audit.csv",
    truncated: response.headers.get("x-truncated") === "true",
  };
}

export function verifyAuditTrail(signal?: AbortSignal): Promise<AuditVerification> {
  return sendJson<AuditVerification>("GET", "/api/v1/audit/verify", { signal });
}

/** Children of a division, or the provinces without `parent`. */
export async function listDivisions(parent: string | undefined, signal?: AbortSignal): Promise<Division[]> {
  return (await sendJson<{ items: Division[] }>("GET", `/api/v1/divisions${queryString({ parent })}`, { signal })).items;
}

export async function searchDivisions(text: string, within: string | undefined, signal?: AbortSignal): Promise<Division[]> {
  return (await sendJson<{ items: Division[] }>("GET", `/api/v1/divisions/search${queryString({ q: text, within, limit: 20 })}`, { signal })).items;
}

export function getDivision(code: string, signal?: AbortSignal): Promise<DivisionWithAncestors> {
  return sendJson<DivisionWithAncestors>("GET", `/api/v1/divisions/${encodeURIComponent(code)}`, { signal });
}

// ---- Surveillance: births and the sex ratio at birth, 出生监测 (src/modules/surveillance) ----

import type {
  AlertDetail as SrbAlertDetail,
  AlertPage as SrbAlertPage,
  AlertStatus as SrbAlertStatus,
  AlertStatusChange as SrbAlertStatusChange,
  DataQuality as SrbDataQuality,
  FunnelPlot as SrbFunnelPlot,
  OrderBars as SrbOrderBars,
  OrderSelection as SrbOrderSelection,
  ResidenceSelection as SrbResidenceSelection,
  Summary as SrbSummary,
  TownshipTable as SrbTownshipTable,
} from "../../src/modules/surveillance/model.ts";

export type { SrbAlertDetail, SrbAlertPage, SrbAlertStatus, SrbAlertStatusChange, SrbDataQuality, SrbFunnelPlot, SrbOrderBars, SrbSummary, SrbTownshipTable };

/** What a surveillance view shows: a division (2, 4, 6 or 9 digits), a birth order, a residence, the window's last month. */
export interface SrbView {
  readonly region: string;
  readonly order: SrbOrderSelection;
  readonly residence: SrbResidenceSelection;
  /** 'YYYY-MM'; the region's latest month when absent. */
  readonly end?: string | undefined;
}

function srbQuery(view: SrbView): string {
  return queryString({ region: view.region, order: view.order, residence: view.residence, end: view.end });
}

export function getSrbSummary(view: SrbView, signal?: AbortSignal): Promise<SrbSummary> {
  return sendJson<SrbSummary>("GET", `/api/v1/surveillance/summary${srbQuery(view)}`, { signal });
}

export function getSrbTownships(view: SrbView, signal?: AbortSignal): Promise<SrbTownshipTable> {
  return sendJson<SrbTownshipTable>("GET", `/api/v1/surveillance/townships${srbQuery(view)}`, { signal });
}

export function getSrbFunnel(view: SrbView, signal?: AbortSignal): Promise<SrbFunnelPlot> {
  return sendJson<SrbFunnelPlot>("GET", `/api/v1/surveillance/funnel${srbQuery(view)}`, { signal });
}

export function getSrbBirthOrders(view: SrbView, signal?: AbortSignal): Promise<SrbOrderBars> {
  return sendJson<SrbOrderBars>("GET", `/api/v1/surveillance/birth-orders${queryString({ region: view.region, end: view.end })}`, { signal });
}

export function getSrbDataQuality(view: SrbView, signal?: AbortSignal): Promise<SrbDataQuality> {
  return sendJson<SrbDataQuality>("GET", `/api/v1/surveillance/data-quality${queryString({ region: view.region, end: view.end })}`, { signal });
}

/** The township table as an XLSX file (cells under 10 births withheld by the server). */
export async function downloadSrbTownships(view: SrbView): Promise<Blob> {
  return (await send("GET", `/api/v1/surveillance/townships/export${srbQuery(view)}`)).blob();
}

export function listSrbAlerts(
  query: { readonly region: string; readonly status?: SrbAlertStatus | undefined; readonly limit: number; readonly offset: number },
  signal?: AbortSignal,
): Promise<SrbAlertPage> {
  return sendJson<SrbAlertPage>("GET", `/api/v1/surveillance/alerts${queryString(query)}`, { signal });
}

export function changeSrbAlertStatus(id: number, change: SrbAlertStatusChange): Promise<SrbAlertDetail> {
  return sendJson<SrbAlertDetail>("POST", `/api/v1/surveillance/alerts/${id}/status`, { body: change });
}

// ---- Registry: departmental data import, 数据导入 (src/modules/registry) ----

import type {
  Batch as RegistryBatch,
  BatchDetail as RegistryBatchDetail,
  BatchStatus as RegistryBatchStatus,
  ImportJob as RegistryImportJob,
  IssueMessage as RegistryIssueMessage,
  QuarantineRow as RegistryQuarantineRow,
  QuarantineStatus as RegistryQuarantineStatus,
  SourceType as RegistrySourceType,
  StandardField as RegistryStandardField,
  TextEncoding as RegistryTextEncoding,
} from "../../src/modules/registry/model.ts";
import type { FilePreview as RegistryFilePreview } from "../../src/modules/registry/preview-file.ts";

export type {
  RegistryBatch,
  RegistryBatchDetail,
  RegistryBatchStatus,
  RegistryFilePreview,
  RegistryImportJob,
  RegistryIssueMessage,
  RegistryQuarantineRow,
  RegistryQuarantineStatus,
  RegistrySourceType,
  RegistryStandardField,
  RegistryTextEncoding,
};

/** How to read an uploaded file: its source type, an encoding other than the detected one, a sheet, `HEADER=field` overrides. */
export interface RegistryFileOptions {
  readonly sourceType: RegistrySourceType;
  readonly encoding?: RegistryTextEncoding | undefined;
  readonly sheet?: string | undefined;
  readonly map: readonly string[];
}

function registryFileQuery(options: RegistryFileOptions, extra: Readonly<Record<string, string>> = {}): string {
  const params = new URLSearchParams({ sourceType: options.sourceType, ...extra });
  if (options.encoding !== undefined) params.set("encoding", options.encoding);
  if (options.sheet !== undefined && options.sheet !== "") params.set("sheet", options.sheet);
  for (const override of options.map) params.append("map", override);
  return `?${params.toString()}`;
}

/** Format, encoding, headers, the proposed mapping and the first rows (masked) of a file, without importing it. */
export async function previewRegistryFile(file: Blob, fileName: string, options: RegistryFileOptions, signal?: AbortSignal): Promise<RegistryFilePreview> {
  const response = await sendFile(`/api/v1/registry/previews${registryFileQuery(options, { rows: "5" })}`, file, fileName, { signal });
  return (await response.json()) as RegistryFilePreview;
}

/** Uploads a file and starts importing it; `onUpload` reports the upload, the job then reports the import. */
export async function startRegistryImport(
  file: Blob,
  fileName: string,
  options: RegistryFileOptions,
  onUpload: (loaded: number, total: number) => void,
  signal?: AbortSignal,
): Promise<RegistryImportJob> {
  const response = await sendFile(`/api/v1/registry/imports${registryFileQuery(options)}`, file, fileName, { signal, onUpload });
  return (await response.json()) as RegistryImportJob;
}

export function getRegistryJob(id: string, signal?: AbortSignal): Promise<RegistryImportJob> {
  return sendJson<RegistryImportJob>("GET", `/api/v1/registry/jobs/${encodeURIComponent(id)}`, { signal });
}

export interface RegistryPage<T> {
  readonly items: T[];
  readonly total: number;
}

export function listRegistryBatches(
  query: { readonly status?: RegistryBatchStatus | undefined; readonly sourceType?: RegistrySourceType | undefined; readonly limit: number; readonly offset: number },
  signal?: AbortSignal,
): Promise<RegistryPage<RegistryBatch>> {
  return sendJson("GET", `/api/v1/registry/batches${queryString(query)}`, { signal });
}

export function getRegistryBatch(id: number, signal?: AbortSignal): Promise<RegistryBatchDetail> {
  return sendJson<RegistryBatchDetail>("GET", `/api/v1/registry/batches/${id}`, { signal });
}

export function listRegistryQuarantine(
  batchId: number,
  query: { readonly status?: RegistryQuarantineStatus | undefined; readonly limit: number; readonly offset: number },
  signal?: AbortSignal,
): Promise<RegistryPage<RegistryQuarantineRow>> {
  return sendJson("GET", `/api/v1/registry/batches/${batchId}/quarantine${queryString(query)}`, { signal });
}

/** One quarantined row with its cells unmasked, to correct it; the reason is kept in the audit trail. */
export function unmaskRegistryRow(batchId: number, rowNumber: number, reason: string): Promise<RegistryQuarantineRow> {
  return sendJson<RegistryQuarantineRow>("POST", `/api/v1/registry/batches/${batchId}/quarantine/${rowNumber}/unmask`, { body: { reason } });
}

/** Stores a corrected quarantined row; `cells` holds only the corrected headers. 422 `row_still_invalid` carries `issues`. */
export function resubmitRegistryRow(
  batchId: number,
  rowNumber: number,
  cells: Readonly<Record<string, string>>,
): Promise<{ readonly batch: RegistryBatch; readonly warnings: RegistryIssueMessage[] }> {
  return sendJson("POST", `/api/v1/registry/batches/${batchId}/quarantine/${rowNumber}/resubmit`, { body: { cells } });
}

/**
 * The batch's quarantined rows as XLSX for the sending department (the server marks open rows exported):
 * masked, or with a reason unmasked (the unmask permission; audited).
 */
export async function downloadRegistryQuarantine(
  batchId: number,
  unmasked?: { readonly reason: string },
): Promise<{ readonly xlsx: Blob; readonly filename: string }> {
  const query = unmasked === undefined ? "" : `?${new URLSearchParams({ reveal: "true", reason: unmasked.reason })}`;
  const response = await send("GET", `/api/v1/registry/batches/${batchId}/quarantine/export.xlsx${query}`);
  const disposition = response.headers.get("content-disposition") ?? "";
  return { xlsx: await response.blob(), filename: /filename="([^"]+)"/.exec(disposition)?.[1] ?? `quarantine-batch-${batchId}.xlsx` };
}

export function getRegistryDictionary(
  sourceType: RegistrySourceType,
  signal?: AbortSignal,
): Promise<{ readonly fields: RegistryStandardField[]; readonly required: RegistryStandardField[] }> {
  return sendJson("GET", `/api/v1/registry/dictionaries/${sourceType}`, { signal });
}

// ---- Linkage: model runs on imported mentions, 记录关联 (src/modules/linkage) ----

import type { LinkParameters } from "../../src/modules/linkage/model.ts";
import type {
  MentionField,
  PairPage as LinkagePairPage,
  RunDetail as LinkageRunDetail,
  RunJob as LinkageRunJob,
  RunPage as LinkageRunPage,
  RunPair as LinkagePair,
  SavedModel as LinkageModel,
  StartRunRequest as LinkageStartRequest,
} from "../../src/modules/linkage/run-model.ts";

export type { LinkParameters, LinkageModel, LinkagePair, LinkagePairPage, LinkageRunDetail, LinkageRunJob, LinkageRunPage, MentionField };

/** What the console sends to start a run; the server fills the defaults (fields, threshold …). */
export type LinkageRunRequest = Partial<Omit<LinkageStartRequest, "region" | "scope">> & Pick<LinkageStartRequest, "region"> & {
  readonly scope: Partial<LinkageStartRequest["scope"]>;
};

export function startLinkageRun(request: LinkageRunRequest): Promise<LinkageRunJob> {
  return sendJson<LinkageRunJob>("POST", "/api/v1/linkage/runs", { body: request });
}

export function getLinkageRunJob(runId: number, signal?: AbortSignal): Promise<LinkageRunJob> {
  return sendJson<LinkageRunJob>("GET", `/api/v1/linkage/runs/${runId}/job`, { signal });
}

export function listLinkageRuns(page: { readonly limit: number; readonly offset: number }, signal?: AbortSignal): Promise<LinkageRunPage> {
  return sendJson<LinkageRunPage>("GET", `/api/v1/linkage/runs${queryString(page)}`, { signal });
}

export function getLinkageRun(runId: number, signal?: AbortSignal): Promise<LinkageRunDetail> {
  return sendJson<LinkageRunDetail>("GET", `/api/v1/linkage/runs/${runId}`, { signal });
}

export function listLinkagePairs(
  runId: number,
  query: { readonly limit: number; readonly offset: number; readonly minProbability?: number; readonly maxProbability?: number },
  signal?: AbortSignal,
): Promise<LinkagePairPage> {
  return sendJson<LinkagePairPage>("GET", `/api/v1/linkage/runs/${runId}/pairs${queryString(query)}`, { signal });
}

export async function listLinkageModels(signal?: AbortSignal): Promise<LinkageModel[]> {
  return (await sendJson<{ items: LinkageModel[] }>("GET", "/api/v1/linkage/models", { signal })).items;
}

export function saveLinkageModel(name: string, parameters: LinkParameters): Promise<LinkageModel> {
  return sendJson<LinkageModel>("POST", "/api/v1/linkage/models", { body: { name, parameters } });
}
