import type { AppContext } from "../../http/app-context.ts";
import { access } from "../../http/route-access.ts";
import type { ZodApp } from "../../http/zod-app.ts";
import { Overview } from "./model.ts";
import { readOverview } from "./service.ts";

export function registerOverviewRoutes(app: ZodApp, { db }: AppContext): void {
  app.get(
    "/overview",
    {
      config: { access: access.signedIn() },
      schema: { tags: ["overview"], summary: "Headline figures for the 总览 page", response: { 200: Overview } },
    },
    async () => readOverview(db),
  );
}
