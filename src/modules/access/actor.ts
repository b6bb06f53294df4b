/**
 * The signed-in user a request acts for, and the checks services make on it before touching data
 * (DESIGN.md §8: the service layer checks role and jurisdiction; row-level security checks again).
 */
import type { AppError } from "../../http/app-error.ts";
import type { AuditFacts } from "./audit-chain.ts";
import { accessErrors } from "./access-errors.ts";
import { coversJurisdiction, hasPermission, ROLE_PERMISSIONS, type GrantScope, type Permission, type Role } from "./roles.ts";

export interface ActorGrant extends GrantScope {
  readonly id: string;
  readonly grantedAt: Date;
}

export interface Actor {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly grants: readonly ActorGrant[];
  readonly session: { readonly idHash: string; readonly csrfToken: string };
  readonly demo: boolean;
}

/** Who does something, for services that both the HTTP API and the command line call. */
export type Operator =
  | { readonly kind: "user"; readonly actor: Actor; readonly clientAddress: string | null }
  /** `renkou user …` on the server: whoever can open the database is trusted; named by the OS account. */
  | { readonly kind: "cli"; readonly osUser: string };

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!hasPermission(actor.grants, permission)) throw accessErrors.forbidden();
}

/**
 * Throws unless the actor holds `permission` over the division `code`. Pass `notFound` (the error the caller
 * gives for a missing record) where a 403 would confirm that a record exists in another jurisdiction.
 */
export function requireJurisdiction(
  actor: Actor,
  permission: Permission,
  code: string,
  options: { readonly notFound?: () => AppError } = {},
): void {
  if (coversJurisdiction(actor.grants, permission, code)) return;
  if (!hasPermission(actor.grants, permission)) throw accessErrors.forbidden();
  throw options.notFound ? options.notFound() : accessErrors.outsideJurisdiction();
}

/** The actor's roles that carry `permission` (all roles when none is given), for the audit trail. */
export function actingRoles(actor: Actor, permission?: Permission): Role[] {
  const roles = actor.grants
    .filter((grant) => permission === undefined || ROLE_PERMISSIONS[grant.role].includes(permission))
    .map((grant) => grant.role);
  return [...new Set(roles)];
}

/** The identity columns of an audit entry for an operator. */
export function auditIdentity(
  operator: Operator,
  permission?: Permission,
): Pick<AuditFacts, "actorId" | "actorUsername" | "actorRole" | "clientAddress"> {
  if (operator.kind === "cli") {
    return { actorId: null, actorUsername: `cli:${operator.osUser}`, actorRole: "cli", clientAddress: "cli" };
  }
  return {
    actorId: operator.actor.userId,
    actorUsername: operator.actor.username,
    actorRole: actingRoles(operator.actor, permission).join(",") || null,
    clientAddress: operator.clientAddress,
  };
}
