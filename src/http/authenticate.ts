/**
 * The HTTP half of access control (DESIGN.md §8): session cookies, the per-route declarations of
 * route-access.ts, CSRF tokens, jurisdiction parameters, and automatic audit entries. Installed on the root
 * instance before any route, so its hooks cover every route registered after it.
 *
 * Order within a request: onRequest resolves the session and checks role and CSRF (401/403 come before
 * body parsing and validation); preHandler checks the declared jurisdiction parameter (after validation,
 * so it sees parsed values); onSend writes the audit entry before any byte of the response leaves, so a
 * response the audit trail cannot record is replaced by a 500.
 */
import fastifyCookie from "@fastify/cookie";
import type { FastifyRequest, FastifySchema, RouteOptions } from "fastify";
import { isWithinJurisdiction } from "../kernel/divisions.ts";
import { accessErrors } from "../modules/access/access-errors.ts";
import { actingRoles, type Actor, type ActorGrant } from "../modules/access/actor.ts";
import type { AuditResult } from "../modules/access/audit-chain.ts";
import { recordAudit } from "../modules/access/audit-service.ts";
import {
  CSRF_HEADER,
  csrfTokenMatches,
  resolveSession,
  SESSION_COOKIE,
  type RequestContext,
  type SignInGuards,
} from "../modules/access/auth-service.ts";
import { LoginGuard, LOGIN_POLICY, type LoginPolicy } from "../modules/access/login-guard.ts";
import { decoyPasswordHash, type ScryptCost } from "../modules/access/password-hash.ts";
import { seesPersonalData } from "../modules/access/roles.ts";
import type { AppContext } from "./app-context.ts";
import type { ProtectedAccess, RouteAccess } from "./route-access.ts";
import type { App } from "./server.ts";

export interface AccessControlOptions {
  /** The clock (tests move it to expire sessions and lockouts). */
  readonly now?: () => Date;
  readonly loginPolicy?: LoginPolicy;
  /** Cost of the decoy hash unknown user names are checked against; tests lower it with their users' cost. */
  readonly decoyCost?: ScryptCost;
}

/** Per-server state the access routes need: the clock, demo mode, the in-process sign-in guard. */
export interface AccessRuntime extends SignInGuards {
  readonly now: () => Date;
  readonly demo: boolean;
}

export interface DeclaredRoute {
  readonly method: string;
  readonly url: string;
  readonly access: RouteAccess;
  readonly schema: FastifySchema | undefined;
}

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in user, set before the handler on every non-public route. */
    actor: Actor | null;
    /** Set when this layer refused the request (audited whatever the route's policy). */
    accessDenied: boolean;
    auditWritten: boolean;
  }
  interface FastifyInstance {
    /** Every route with its declaration, in registration order (the authorisation matrix test reads it). */
    accessRoutes: DeclaredRoute[];
    accessRuntime: AccessRuntime;
    /**
     * Registers a third-party plugin whose routes are public by nature (the API documentation, the
     * console's static files): every route it adds without a declaration is declared public.
     */
    registerPublicPlugin(register: () => PromiseLike<unknown>): Promise<void>;
  }
}

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export async function installAccessControl(app: App, context: AppContext, options: AccessControlOptions = {}): Promise<void> {
  await app.register(fastifyCookie);
  const runtime: AccessRuntime = {
    now: options.now ?? (() => new Date()),
    // A getter: demo mode ends while the server runs when real data is imported (modules/demo).
    get demo() {
      return context.demo;
    },
    guard: new LoginGuard(options.loginPolicy ?? LOGIN_POLICY),
    decoyHash: decoyPasswordHash(options.decoyCost),
  };
  const routes: DeclaredRoute[] = [];
  let publicRegistrations = 0;
  app.decorate("accessRoutes", routes);
  app.decorate("accessRuntime", runtime);
  app.decorate("registerPublicPlugin", async (register: () => PromiseLike<unknown>) => {
    publicRegistrations++;
    try {
      await register();
    } finally {
      publicRegistrations--;
    }
  });
  app.decorateRequest("actor", null);
  app.decorateRequest("accessDenied", false);
  app.decorateRequest("auditWritten", false);

  app.addHook("onRoute", (route) => {
    if (route.config?.access === undefined && publicRegistrations > 0) {
      route.config = { ...route.config, access: { public: true } };
    }
    const declared = checkDeclaration(route);
    for (const method of [route.method].flat()) {
      routes.push({ method, url: route.url, access: declared, schema: route.schema });
    }
  });

  app.addHook("onRequest", async (request, reply) => {
    const declared = request.routeOptions.config.access;
    if (declared === undefined || declared.public) return; // unmatched routes (404) and public ones
    const session = await resolveSession(context.db, request.cookies[SESSION_COOKIE], { now: runtime.now(), demo: runtime.demo });
    if (!session.ok) {
      if (request.cookies[SESSION_COOKIE] !== undefined) reply.clearCookie(SESSION_COOKIE, { path: "/" });
      throw session.reason === "session_expired" ? accessErrors.sessionExpired() : accessErrors.authenticationRequired();
    }
    request.actor = session.actor;
    reply.header("cache-control", "no-store");
    if (declared.roles !== "any" && eligibleGrants(session.actor, declared).length === 0) {
      request.accessDenied = true;
      throw accessErrors.forbidden();
    }
    if (STATE_CHANGING.has(request.method) && !csrfTokenMatches(session.actor, request.headers[CSRF_HEADER])) {
      request.accessDenied = true;
      throw accessErrors.csrfTokenInvalid();
    }
  });

  app.addHook("preHandler", async (request) => {
    const declared = request.routeOptions.config.access;
    if (declared === undefined || declared.public || declared.jurisdiction === undefined || request.actor === null) return;
    const source = declared.jurisdiction;
    const value = (request[source.in] as Record<string, unknown> | undefined)?.[source.name];
    if (value === undefined || value === null || value === "") return; // absent: the service scopes by the actor
    const inside = typeof value === "string" && eligibleGrants(request.actor, declared).some((grant) => isWithinJurisdiction(value, grant.jurisdiction));
    if (!inside) {
      request.accessDenied = true;
      throw source.hideExistence ? accessErrors.notFound() : accessErrors.outsideJurisdiction();
    }
  });

  app.addHook("onSend", async (request, reply, payload) => {
    const declared = request.routeOptions.config.access;
    const actor = request.actor;
    if (declared === undefined || declared.public || actor === null || request.auditWritten) return payload;
    const policy = declared.audit ?? (declared.personalData ? "always" : "changes");
    const audit = request.accessDenied || policy === "always" || (policy === "changes" && STATE_CHANGING.has(request.method));
    if (!audit) return payload;
    request.auditWritten = true;
    await recordAudit(context.db, automaticAuditFacts(request, declared, actor, reply.statusCode), runtime.now());
    return payload;
  });
}

/** Refuses a route without a declaration, or with one that contradicts itself. */
function checkDeclaration(route: RouteOptions): RouteAccess {
  const declared = route.config?.access;
  const where = `${[route.method].flat().join(",")} ${route.url}`;
  if (declared === undefined) {
    throw new Error(`route ${where} declares no access: set config.access (see src/http/route-access.ts)`);
  }
  if (declared.public) return declared;
  if (declared.roles !== "any" && declared.roles.length === 0) throw new Error(`route ${where} admits no role`);
  if (declared.personalData) {
    const roles = declared.roles === "any" ? [] : declared.roles;
    const blind = declared.roles === "any" ? ["any"] : roles.filter((role) => !seesPersonalData(role));
    if (blind.length > 0) throw new Error(`route ${where} serves personal data to roles that may not see it: ${blind.join(", ")}`);
  }
  return declared;
}

function eligibleGrants(actor: Actor, declared: ProtectedAccess): readonly ActorGrant[] {
  const roles = declared.roles;
  return roles === "any" ? actor.grants : actor.grants.filter((grant) => roles.includes(grant.role));
}

function automaticAuditFacts(request: FastifyRequest, declared: ProtectedAccess, actor: Actor, status: number) {
  const params = request.params as Record<string, unknown> | undefined;
  const source = declared.jurisdiction;
  const regionValue = source ? (request[source.in] as Record<string, unknown> | undefined)?.[source.name] : undefined;
  const result: AuditResult = request.accessDenied || status === 401 || status === 403 ? "denied" : status >= 400 ? "failure" : "success";
  const roles = declared.roles === "any" ? actingRoles(actor) : actingRoles(actor).filter((role) => declared.roles.includes(role));
  return {
    actorId: actor.userId,
    actorUsername: actor.username,
    actorRole: roles.join(",") || null,
    clientAddress: request.ip,
    action: `${request.method} ${request.routeOptions.url ?? ""}`,
    targetType: null,
    targetId: params && Object.keys(params).length > 0 ? JSON.stringify(params) : null,
    regionCode: typeof regionValue === "string" ? regionValue : null,
    result,
    detail: { status },
  };
}

/** The actor of a request on a non-public route (the hooks guarantee one); throws 401 otherwise. */
export function getActor(request: FastifyRequest): Actor {
  if (request.actor === null) throw accessErrors.authenticationRequired();
  return request.actor;
}

/** Clock, client address and demo mode for a service call made by a route. */
export function requestContext(request: FastifyRequest): RequestContext {
  const runtime = request.server.accessRuntime;
  return { now: runtime.now(), clientAddress: request.ip, demo: runtime.demo };
}
