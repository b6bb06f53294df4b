import type { DestinationStream, LoggerOptions } from "pino";
import { loggablePath, scrubLogValue, scrubPersonalData } from "./log-redaction.ts";

/** pino options for the HTTP server: request logs without personal data (see log-redaction.ts). */
export function httpLoggerOptions(level: string, stream?: DestinationStream): LoggerOptions & { stream?: DestinationStream } {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      // Fastify hands serializers either its request/reply objects or Node's raw ones; read defensively.
      req: (request: LoggedRequest) => ({
        id: request.id,
        method: request.method,
        path: loggablePath(request.url ?? request.raw?.url ?? ""),
      }),
      res: (reply: { statusCode?: number }) => ({ statusCode: reply.statusCode }),
      err: (error: Error) => scrubLogValue(error),
    },
    formatters: {
      log: (record) => scrubLogValue(record) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((arg) => (typeof arg === "string" ? scrubPersonalData(arg) : arg));
        method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  };
}

interface LoggedRequest {
  readonly id?: string;
  readonly method?: string;
  readonly url?: string;
  readonly raw?: { readonly url?: string };
}
