/**
 * Every route declares who may call it; nothing is inferred. A route without a declaration stops the server
 * from starting (authenticate.ts), so no route is ever public by accident.
 *
 *   app.get("/records/:id", { config: { access: access.roles(["case_worker"], { personalData: true }) }, schema }, handler)
 *   app.get("/divisions", { config: { access: access.signedIn() }, schema }, handler)
 *   app.get("/health", { config: { access: access.public() }, schema }, handler)
 *
 * What the declaration makes the server do before the handler runs: anonymous → 401; signed in without one
 * of the roles → 403; a state-changing request without the session's CSRF token → 403; with `jurisdiction`,
 * a division code in the request outside the grants of those roles → 403 (or 404 with `hideExistence`).
 * After the handler: the audit entry the `audit` policy asks for (see src/modules/access/README.md).
 */
import type { Role } from "../modules/access/roles.ts";

/** Where a request names the division it is about, e.g. `{ in: "params", name: "regionCode" }`. */
export interface JurisdictionSource {
  readonly in: "params" | "query" | "body";
  readonly name: string;
  /** Refuse with 404 instead of 403 where a 403 would confirm that something exists elsewhere. */
  readonly hideExistence?: boolean;
}

/**
 * - `always`: every request is audited by the server (default for personal-data routes);
 * - `changes`: POST/PUT/PATCH/DELETE are audited by the server (default otherwise);
 * - `service`: the service writes its own, more specific entries; the server audits only its own refusals.
 * Refusals by the server (role, CSRF, jurisdiction) are audited under every policy.
 */
export type AuditPolicy = "always" | "changes" | "service";

export type RouteAccess =
  | { readonly public: true }
  | {
      readonly public?: false;
      /** The roles allowed; "any" admits every signed-in user (reference data, the user's own session). */
      readonly roles: readonly Role[] | "any";
      /** The route reads or writes data about persons: only roles that may see persons can be listed. */
      readonly personalData: boolean;
      readonly jurisdiction?: JurisdictionSource;
      readonly audit?: AuditPolicy;
    };

export type ProtectedAccess = Extract<RouteAccess, { roles: unknown }>;

export const access = {
  /** No session needed: health, meta, sign-in, first-run setup, the OpenAPI document. */
  public: (): RouteAccess => ({ public: true }),
  /** Any signed-in user, whatever their roles; never personal data. */
  signedIn: (options: { readonly audit?: AuditPolicy } = {}): RouteAccess => ({ roles: "any", personalData: false, ...options }),
  roles: (
    roles: readonly [Role, ...Role[]],
    options: { readonly personalData: boolean; readonly jurisdiction?: JurisdictionSource; readonly audit?: AuditPolicy },
  ): RouteAccess => ({ roles, ...options }),
} as const;

declare module "fastify" {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}
