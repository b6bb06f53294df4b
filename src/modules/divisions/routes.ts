/** HTTP routes for the division reference table (reference data, no personal information: any signed-in user). */
import { z } from "zod";
import type { AppContext } from "../../http/app-context.ts";
import { httpErrors } from "../../http/app-error.ts";
import { access } from "../../http/route-access.ts";
import type { ZodApp } from "../../http/zod-app.ts";
import { Division, DivisionWithAncestors, NamePathResolution } from "./model.ts";
import { findDivisionWithAncestors, resolveNamePath } from "./service.ts";
import { listChildDivisions, searchDivisionsByName } from "./store.ts";

const CodeParam = z.object({ code: z.string().regex(/^\d{2,12}$/) });

export function registerDivisionRoutes(app: ZodApp, { db }: AppContext): void {
  app.get(
    "/divisions",
    {
      config: { access: access.signedIn() },
      schema: {
        tags: ["divisions"],
        summary: "Children of a division (provinces when no parent is given)",
        querystring: z.object({ parent: z.string().regex(/^\d{2,12}$/).optional() }),
        response: { 200: z.object({ items: z.array(Division) }) },
      },
    },
    async (request) => ({ items: await listChildDivisions(db, request.query.parent ?? null) }),
  );
  app.get(
    "/divisions/search",
    {
      config: { access: access.signedIn() },
      schema: {
        tags: ["divisions"],
        summary: "Divisions whose name is similar to the text (trigram similarity)",
        querystring: z.object({
          q: z.string().trim().min(1).max(50),
          within: z.string().regex(/^\d{2,12}$/).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: z.object({ items: z.array(Division.extend({ similarity: z.number() })) }) },
      },
    },
    async (request) => ({
      items: await searchDivisionsByName(db, request.query.q, request.query.within, request.query.limit),
    }),
  );
  app.get(
    "/divisions/resolve",
    {
      config: { access: access.signedIn() },
      schema: {
        tags: ["divisions"],
        summary: "Resolve a name path such as 山东省/枣庄市/山亭区/店子镇",
        querystring: z.object({ path: z.string().trim().min(1).max(200) }),
        response: { 200: NamePathResolution },
      },
    },
    async (request) => resolveNamePath(db, request.query.path),
  );
  app.get(
    "/divisions/:code",
    {
      config: { access: access.signedIn() },
      schema: {
        tags: ["divisions"],
        summary: "One division with its ancestors",
        params: CodeParam,
        response: { 200: DivisionWithAncestors },
      },
    },
    async (request) => {
      const found = await findDivisionWithAncestors(db, request.params.code);
      if (!found) throw httpErrors.notFound(`division ${request.params.code}`);
      return found;
    },
  );
}
