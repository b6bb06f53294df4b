/**
 * HTTP routes for the three administrators: accounts (system administrator), grants (security
 * administrator), the audit trail (audit administrator). Thin: parse, call the service, format.
 */
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../http/app-context.ts";
import { getActor, requestContext } from "../../http/authenticate.ts";
import { access } from "../../http/route-access.ts";
import type { ZodApp } from "../../http/zod-app.ts";
import type { Operator } from "./actor.ts";
import { exportAuditCsv, searchAudit, verifyAuditTrail } from "./audit-service.ts";
import {
  AuditEvent,
  AuditPageQuery,
  AuditQuery,
  AuditVerification,
  CreatedUser,
  CreateUserRequest,
  Grant,
  GrantRequest,
  PasswordResetRequest,
  TotpEnrolment,
  User,
  UserId,
} from "./model.ts";
import { addGrant, createUser, listUsersFor, resetUserPassword, resetUserTotp, revokeGrant, setUserDisabled, unlockUser } from "./user-service.ts";

const UserParams = z.object({ id: UserId });
const GrantParams = z.object({ id: UserId, grantId: z.uuid() });

function operatorOf(request: FastifyRequest): Operator {
  return { kind: "user", actor: getActor(request), clientAddress: request.ip };
}

export function registerAdminRoutes(app: ZodApp, { db }: AppContext): void {
  const now = () => app.accessRuntime.now();
  const systemAdmin = access.roles(["system_admin"], { personalData: false, audit: "service" });

  app.get(
    "/users",
    {
      config: { access: access.roles(["system_admin", "security_admin"], { personalData: false, audit: "always" }) },
      schema: { tags: ["admin"], summary: "Accounts inside the administrator's jurisdiction, with their grants", response: { 200: z.object({ items: z.array(User) }) } },
    },
    async (request) => ({ items: await listUsersFor(db, operatorOf(request), now()) }),
  );

  app.post(
    "/users",
    {
      config: { access: systemAdmin },
      schema: {
        tags: ["admin"],
        summary: "Create an account (no grants yet; the TOTP secret is shown once)",
        body: CreateUserRequest,
        response: { 201: CreatedUser },
      },
    },
    async (request, reply) => reply.code(201).send(await createUser(db, operatorOf(request), request.body, now())),
  );

  for (const [path, summary, disabled] of [
    ["disable", "Disable an account (its sessions end)", true],
    ["enable", "Enable a disabled account", false],
  ] as const) {
    app.post(
      `/users/:id/${path}`,
      { config: { access: systemAdmin }, schema: { tags: ["admin"], summary, params: UserParams } },
      async (request, reply) => {
        await setUserDisabled(db, operatorOf(request), request.params.id, disabled, now());
        return reply.code(204).send();
      },
    );
  }

  app.post(
    "/users/:id/reset-totp",
    {
      config: { access: systemAdmin },
      schema: { tags: ["admin"], summary: "New TOTP secret for an account (shown once; sessions end)", params: UserParams, response: { 200: TotpEnrolment } },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return resetUserTotp(db, operatorOf(request), request.params.id, now());
    },
  );

  app.post(
    "/users/:id/reset-password",
    {
      config: { access: systemAdmin },
      schema: { tags: ["admin"], summary: "Set a new password for an account (sessions and lockout end)", params: UserParams, body: PasswordResetRequest },
    },
    async (request, reply) => {
      await resetUserPassword(db, operatorOf(request), request.params.id, request.body.password, now());
      return reply.code(204).send();
    },
  );

  app.post(
    "/users/:id/unlock",
    { config: { access: systemAdmin }, schema: { tags: ["admin"], summary: "End an account's lockout", params: UserParams } },
    async (request, reply) => {
      await unlockUser(db, operatorOf(request), request.params.id, now());
      return reply.code(204).send();
    },
  );

  app.post(
    "/users/:id/grants",
    {
      config: {
        access: access.roles(["security_admin"], { personalData: false, audit: "service", jurisdiction: { in: "body", name: "jurisdiction" } }),
      },
      schema: { tags: ["admin"], summary: "Grant a role in a jurisdiction", params: UserParams, body: GrantRequest, response: { 201: Grant } },
    },
    async (request, reply) => reply.code(201).send(await addGrant(db, operatorOf(request), request.params.id, request.body, now())),
  );

  app.delete(
    "/users/:id/grants/:grantId",
    {
      config: { access: access.roles(["security_admin"], { personalData: false, audit: "service" }) },
      schema: { tags: ["admin"], summary: "Revoke a grant", params: GrantParams },
    },
    async (request, reply) => {
      await revokeGrant(db, operatorOf(request), request.params.id, request.params.grantId, now());
      return reply.code(204).send();
    },
  );

  const auditAdmin = access.roles(["audit_admin"], { personalData: false, audit: "always" });

  app.get(
    "/audit/events",
    {
      config: { access: auditAdmin },
      schema: {
        tags: ["audit"],
        summary: "Search the audit trail, newest first (page with `before`)",
        querystring: AuditPageQuery,
        response: { 200: z.object({ items: z.array(AuditEvent) }) },
      },
    },
    async (request) => ({ items: await searchAudit(db, getActor(request), request.query) }),
  );

  app.get(
    "/audit/export",
    {
      config: { access: access.roles(["audit_admin"], { personalData: false, audit: "service" }) },
      schema: { tags: ["audit"], summary: "The matching audit entries as CSV (UTF-8 with BOM)", querystring: AuditQuery },
    },
    async (request, reply) => {
      const exported = await exportAuditCsv(db, getActor(request), request.query, requestContext(request));
      const day = now().toISOString().slice(0, 10);
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="renkou-audit-${day}.csv"`)
        .header("x-truncated", String(exported.truncated))
        .send(exported.csv);
    },
  );

  app.get(
    "/audit/verify",
    {
      config: { access: auditAdmin },
      schema: { tags: ["audit"], summary: "Verify the audit trail's hash chain", response: { 200: AuditVerification } },
    },
    async () => verifyAuditTrail(db),
  );
}
