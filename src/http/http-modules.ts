/**
 * The API modules this server mounts under /api/v1, in navigation order. A module appears in
 * `/api/v1/meta` (and so in the console's navigation) exactly when it is listed here.
 */
import type { AppContext } from "./app-context.ts";
import type { ModuleKey } from "./meta-model.ts";
import type { ZodApp } from "./zod-app.ts";
import { registerOverviewRoutes } from "../modules/overview/routes.ts";
import { registerDivisionRoutes } from "../modules/divisions/routes.ts";
import { registerLinkageRoutes } from "../modules/linkage/routes.ts";
import { registerRegistryRoutes } from "../modules/registry/routes.ts";
import { registerAdminRoutes } from "../modules/access/admin-routes.ts";
import { registerAuthRoutes } from "../modules/access/auth-routes.ts";
import { registerSurveillanceRoutes } from "../modules/surveillance/routes.ts";

export interface HttpModule {
  readonly key: ModuleKey;
  register(app: ZodApp, context: AppContext): void;
}

export const httpModules: readonly HttpModule[] = [
  {
    key: "overview",
    register(app, context) {
      registerOverviewRoutes(app, context);
      registerDivisionRoutes(app, context);
    },
  },
  { key: "registry", register: (app, context) => registerRegistryRoutes(app, context) },
  { key: "linkage", register: (app, context) => registerLinkageRoutes(app, context) },
  { key: "surveillance", register: (app, context) => registerSurveillanceRoutes(app, context) },
  {
    key: "admin",
    register(app, context) {
      registerAuthRoutes(app, context);
      registerAdminRoutes(app, context);
    },
  },
];
