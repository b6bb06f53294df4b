/**
 * Builds the HTTP server: Fastify with Zod validation and serialisation, OpenAPI at /openapi.json and /docs,
 * problem+json errors, request ids, the API modules under /api/v1, and the console's static build at /.
 */
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Fastify, { type FastifyInstance } from "fastify";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { DestinationStream } from "pino";
import type { AppContext } from "./app-context.ts";
import { httpErrors } from "./app-error.ts";
import { installAccessControl, type AccessControlOptions } from "./authenticate.ts";
import { httpLoggerOptions } from "./logger-options.ts";
import { classifyError, sendProblem } from "./problem.ts";
import { httpModules } from "./http-modules.ts";
import { registerSystemRoutes } from "./system-routes.ts";

export type App = FastifyInstance;

export interface HttpServerOptions {
  readonly logLevel: string;
  /** Where log lines go (tests capture them); default stdout. */
  readonly logStream?: DestinationStream | undefined;
  /** Directory of the console's production build; default web/dist in the checkout. */
  readonly webDist?: string | undefined;
  /** Clock and sign-in limits of the access layer (tests); defaults otherwise. */
  readonly access?: AccessControlOptions | undefined;
}

const DEFAULT_WEB_DIST = fileURLToPath(new URL("../../web/dist/", import.meta.url));

export async function buildHttpServer(context: AppContext, options: HttpServerOptions): Promise<App> {
  const app = Fastify({
    logger: httpLoggerOptions(options.logLevel, options.logStream),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    trustProxy: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  app.setErrorHandler((error, request, reply) => {
    const appError = classifyError(error);
    if (appError.status >= 500) request.log.error({ err: error }, "request failed");
    return sendProblem(reply, request, appError);
  });
  // Before any route: every route registered after this must declare its access (route-access.ts).
  await installAccessControl(app, context, options.access);

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: "renkou API",
        description: "人口信息平台 renkou — population and family-health information platform",
        version: context.version,
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.registerPublicPlugin(() => app.register(fastifySwaggerUi, { routePrefix: "/docs" }));

  const api = app.withTypeProvider<ZodTypeProvider>();
  registerSystemRoutes(api, context, httpModules.map((module) => module.key));
  for (const module of httpModules) {
    await app.register(async (scope) => module.register(scope.withTypeProvider<ZodTypeProvider>(), context), {
      prefix: "/api/v1",
    });
  }

  await registerConsole(app, options.webDist ?? DEFAULT_WEB_DIST);
  return app;
}

/** Serves the console's build, with index.html for client-side routes; API paths get problem+json 404s. */
async function registerConsole(app: App, webDist: string): Promise<void> {
  const built = existsSync(`${webDist}/index.html`);
  if (built) {
    await app.registerPublicPlugin(() => app.register(fastifyStatic, { root: webDist, prefix: "/", wildcard: false, index: ["index.html"] }));
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "/";
    const isApi = path.startsWith("/api/") || path === "/api" || path === "/openapi.json" || path.startsWith("/docs");
    if (isApi || request.method !== "GET") return sendProblem(reply, request, httpErrors.routeNotFound());
    if (!built) {
      return reply
        .code(503)
        .type("text/plain; charset=utf-8")
        .send("控制台尚未构建：请运行 npm run build:web\nThe console is not built: run npm run build:web\n");
    }
    return reply.type("text/html; charset=utf-8").sendFile("index.html");
  });
}
