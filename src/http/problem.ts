/**
 * Maps every error to `application/problem+json` (RFC 9457) with renkou's extensions: a stable `code`,
 * `message: { zh, en }` and the `requestId` that ties the response to the server's log line.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError, httpErrors } from "./app-error.ts";

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
  message: z.object({ zh: z.string(), en: z.string() }),
  requestId: z.string(),
});
export type Problem = z.infer<typeof Problem>;

export function toProblem(error: AppError, requestId: string): Problem & Record<string, unknown> {
  return {
    ...error.extensions,
    type: `urn:renkou:problem:${error.code}`,
    title: error.localised.en,
    status: error.status,
    code: error.code,
    ...(error.detail ? { detail: error.detail } : {}),
    message: error.localised,
    requestId,
  };
}

/** Classifies an error thrown anywhere in request handling as an AppError. */
export function classifyError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((issue) => ({
      path: issue.instancePath || "/",
      message: issue.message,
    }));
    const where = error.validationContext ?? "request";
    return httpErrors.invalidRequest(
      `${where}: ${issues.map((issue) => `${issue.path} ${issue.message}`).join("; ")}`,
      issues,
    );
  }
  if (isResponseSerializationError(error)) return httpErrors.internal();
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.code === "FST_ERR_CTP_BODY_TOO_LARGE") return httpErrors.payloadTooLarge();
  const status = fastifyError.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    return new AppError(
      "bad_request",
      status,
      { zh: "请求无法处理", en: "The request cannot be processed" },
      fastifyError.message,
    );
  }
  return httpErrors.internal();
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: AppError): FastifyReply {
  return reply.code(error.status).type("application/problem+json").send(toProblem(error, request.id));
}
