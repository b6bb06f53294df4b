/** HTTP routes for signing in and out, the user's own session and password, and the first-run setup. */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../http/app-context.ts";
import { AppError } from "../../http/app-error.ts";
import { getActor, requestContext } from "../../http/authenticate.ts";
import { access } from "../../http/route-access.ts";
import type { ZodApp } from "../../http/zod-app.ts";
import type { Actor } from "./actor.ts";
import { changeOwnPassword, SESSION_COOKIE, SESSION_POLICY, signIn, signOut } from "./auth-service.ts";
import { LoginRequest, PasswordChangeRequest, SessionInfo, SetupCompleteRequest, SetupStatus, SetupTokenRequest, TotpEnrolment } from "./model.ts";
import { permissionsOf } from "./roles.ts";
import { beginSetup, completeSetup, isSetupRequired } from "./setup-service.ts";

function toSessionInfo(actor: Actor): SessionInfo {
  return {
    user: { id: actor.userId, username: actor.username, displayName: actor.displayName },
    grants: actor.grants.map((grant) => ({
      id: grant.id,
      role: grant.role,
      jurisdiction: grant.jurisdiction,
      facility: grant.facility,
      grantedAt: grant.grantedAt.toISOString(),
    })),
    permissions: permissionsOf(actor.grants),
    csrfToken: actor.session.csrfToken,
    demo: actor.demo,
    idleTimeoutSeconds: SESSION_POLICY.idleTimeoutMs / 1000,
  };
}

/** Sends Retry-After with the refusals that carry a wait (lockout, rate limit), then rethrows. */
async function withRetryAfter<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const seconds = error instanceof AppError ? error.extensions?.retryAfterSeconds : undefined;
    if (typeof seconds === "number") reply.header("retry-after", String(seconds));
    throw error;
  }
}

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  // SameSite=Strict: the browser never sends the session on a request started by another site.
  reply.setCookie(SESSION_COOKIE, token, { path: "/", httpOnly: true, sameSite: "strict", secure: request.protocol === "https" });
}

export function registerAuthRoutes(app: ZodApp, { db }: AppContext): void {
  app.post(
    "/auth/login",
    {
      config: { access: access.public() },
      schema: {
        tags: ["auth"],
        summary: "Sign in with user name, password and (outside demo mode) the one-time code",
        body: LoginRequest,
        response: { 200: SessionInfo },
      },
    },
    async (request, reply) => {
      const signedIn = await withRetryAfter(reply, () => signIn(db, app.accessRuntime, request.body, requestContext(request)));
      setSessionCookie(request, reply, signedIn.token);
      reply.header("cache-control", "no-store");
      return toSessionInfo(signedIn.actor);
    },
  );

  app.post(
    "/auth/logout",
    { config: { access: access.signedIn({ audit: "service" }) }, schema: { tags: ["auth"], summary: "Sign out" } },
    async (request, reply) => {
      await signOut(db, getActor(request), requestContext(request));
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.code(204).send();
    },
  );

  app.get(
    "/auth/me",
    {
      config: { access: access.signedIn() },
      schema: { tags: ["auth"], summary: "The signed-in user, grants, permissions and CSRF token", response: { 200: SessionInfo } },
    },
    async (request) => toSessionInfo(getActor(request)),
  );

  app.post(
    "/auth/password",
    {
      config: { access: access.signedIn({ audit: "service" }) },
      schema: { tags: ["auth"], summary: "Change one's own password (other sessions end)", body: PasswordChangeRequest },
    },
    async (request, reply) => {
      await changeOwnPassword(db, getActor(request), request.body, requestContext(request));
      return reply.code(204).send();
    },
  );

  app.get(
    "/setup",
    {
      config: { access: access.public() },
      schema: { tags: ["auth"], summary: "Whether the first system administrator still has to be created", response: { 200: SetupStatus } },
    },
    async () => ({ required: await isSetupRequired(db, app.accessRuntime.demo) }),
  );

  app.post(
    "/setup/totp",
    {
      config: { access: access.public() },
      schema: {
        tags: ["auth"],
        summary: "First-run setup: the TOTP secret to enrol (needs the token from the printed link)",
        body: SetupTokenRequest,
        response: { 200: TotpEnrolment },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return beginSetup(db, request.body.token, app.accessRuntime.now());
    },
  );

  app.post(
    "/setup/complete",
    {
      config: { access: access.public() },
      schema: {
        tags: ["auth"],
        summary: "First-run setup: create the first system administrator",
        body: SetupCompleteRequest,
        response: { 201: z.object({ id: z.uuid(), username: z.string() }) },
      },
    },
    async (request, reply) => {
      const created = await completeSetup(db, request.body, requestContext(request));
      return reply.code(201).send(created);
    },
  );
}
