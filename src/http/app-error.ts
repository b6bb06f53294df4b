import type { LocalisedMessage } from "../kernel/result.ts";

/**
 * An expected failure that reaches an HTTP client or a CLI user: a stable machine-readable `code`, an HTTP
 * status, and a message in both console languages. Services throw these; the HTTP layer turns them into
 * `application/problem+json` (RFC 9457) and the CLI prints the message.
 */
export class AppError extends Error {
  override readonly name = "AppError";
  constructor(
    readonly code: string,
    readonly status: number,
    readonly localised: LocalisedMessage,
    readonly detail?: string,
    readonly extensions?: Readonly<Record<string, unknown>>,
  ) {
    super(`${code}: ${localised.en}${detail ? ` (${detail})` : ""}`);
  }
}

/** Errors the HTTP layer itself produces; module-specific codes live with their modules. */
export const httpErrors = {
  notFound: (what: string) =>
    new AppError("not_found", 404, { zh: `未找到：${what}`, en: `Not found: ${what}` }),
  routeNotFound: () =>
    new AppError("route_not_found", 404, { zh: "没有这个接口", en: "No such API route" }),
  invalidRequest: (detail: string, issues: readonly unknown[]) =>
    new AppError(
      "invalid_request",
      400,
      { zh: "请求参数不正确", en: "The request is not valid" },
      detail,
      { issues },
    ),
  payloadTooLarge: () =>
    new AppError("payload_too_large", 413, { zh: "请求内容过大", en: "The request body is too large" }),
  internal: () =>
    new AppError("internal_error", 500, {
      zh: "服务器内部错误，请联系系统管理员",
      en: "Internal server error; please contact the system administrator",
    }),
  unavailable: () =>
    new AppError("service_unavailable", 503, {
      zh: "服务暂时不可用（数据库未就绪）",
      en: "Service temporarily unavailable (database not ready)",
    }),
} as const;
