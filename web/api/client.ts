import type { ServerMeta } from "../../src/http/meta-model.ts";
import type { Problem as ServerProblem } from "../../src/http/problem.ts";
import type { Overview } from "../../src/modules/overview/model.ts";

// Types only: the server's Zod schemas are the contract, and `import type` keeps Zod out of the bundle.
export type { ServerMeta, Overview };

/**
 * The server's error body (RFC 9457 problem details with a stable `code` and a two-language message), or one
 * made up here when no server answered — then there is no request ID to quote.
 */
export type Problem = Omit<ServerProblem, "requestId"> & { readonly requestId?: string };

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

async function getJson<T>(path: string, signal: AbortSignal | undefined): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept: "application/json" }, credentials: "same-origin", signal });
  } catch (error) {
    if (signal?.aborted === true) throw error;
    throw new ApiError(unreachableProblem(path));
  }
  const body = await readJson(response);
  if (response.ok && body !== undefined) return body as T;
  throw new ApiError(isProblem(body) ? body : unexpectedProblem(path, response));
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
