import { z } from "zod";
import type { ZodApp } from "./zod-app.ts";
import type { AppContext } from "./app-context.ts";
import { ServerMeta, type ModuleKey } from "./meta-model.ts";
import { access } from "./route-access.ts";

const Health = z.object({
  status: z.enum(["ok", "degraded"]),
  version: z.string(),
  database: z.object({ engine: z.enum(["embedded", "server"]), state: z.enum(["up", "down"]) }),
  uptimeSeconds: z.number(),
});

/** Routes that belong to the server itself rather than to a module: health, meta, the OpenAPI document. */
export function registerSystemRoutes(api: ZodApp, context: AppContext, modules: readonly ModuleKey[]): void {
  // Health never queries the database: it must answer while a long query runs (load balancers, monitors).
  api.get(
    "/health",
    { config: { access: access.public() }, schema: { tags: ["system"], summary: "Liveness", response: { 200: Health, 503: Health } } },
    async (_request, reply) => {
      const state = context.databaseState();
      return reply.code(state === "up" ? 200 : 503).send({
        status: state === "up" ? "ok" : "degraded",
        version: context.version,
        database: { engine: context.engine, state },
        uptimeSeconds: Math.round(process.uptime()),
      });
    },
  );
  api.get("/openapi.json", { config: { access: access.public() }, schema: { hide: true } }, async () => api.swagger());
  api.get(
    "/api/v1/meta",
    {
      config: { access: access.public() },
      schema: { tags: ["system"], summary: "What this server offers", response: { 200: ServerMeta } },
    },
    async () => ({
      name: "renkou" as const,
      version: context.version,
      modules: [...modules],
      demo: context.demo,
      database: context.engine,
    }),
  );
}
