/**
 * Roles, what each may do, and the rules for granting them (DESIGN.md §8, DOMAIN.md §8).
 *
 * A grant is a role in a jurisdiction (a division-code prefix: 3704 city, 370406 county, 370406101
 * township); a hospital reporter's grant also names its facility. A user may hold several grants.
 * The three administrators are separated as MLPS 2.0 level 3 requires (GB/T 22239-2019 §8.1.4.2,
 * 三员分立): the system administrator manages accounts, the security administrator decides who holds which
 * role where, the audit administrator reads the audit trail. None can do another's job, none sees personal
 * data, and a user who holds an administrator role holds no other role.
 */
import { isWithinJurisdiction } from "../../kernel/divisions.ts";
import { fail, ok, type LocalisedMessage, type Result } from "../../kernel/result.ts";

export const ROLES = [
  "system_admin",
  "security_admin",
  "audit_admin",
  "analyst",
  "case_worker",
  "hospital_reporter",
  "programme_staff",
] as const;
export type Role = (typeof ROLES)[number];

export const ADMIN_ROLES: readonly Role[] = ["system_admin", "security_admin", "audit_admin"];

export const PERMISSIONS = [
  /** See accounts and their grants. */
  "users.read",
  /** Create, disable and enable accounts; reset passwords and second factors; unlock. */
  "users.manage",
  /** Add and revoke grants. */
  "grants.manage",
  /** Search, read and verify the audit trail. */
  "audit.read",
  "audit.export",
  /** Counts and rates; cells under 10 suppressed unless the reader may also see the persons behind them. */
  "aggregates.read",
  /** Records about persons, masked. */
  "personal_data.read",
  /** One record at a time unmasked, with a stated reason, audited. */
  "personal_data.unmask",
  "personal_data.write",
  /** A hospital's own delivery and birth reports. */
  "facility_reports.submit",
  "facility_reports.read",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: { readonly [R in Role]: readonly Permission[] } = {
  system_admin: ["users.read", "users.manage"],
  security_admin: ["users.read", "grants.manage"],
  audit_admin: ["audit.read", "audit.export"],
  analyst: ["aggregates.read"],
  case_worker: ["aggregates.read", "personal_data.read", "personal_data.unmask", "personal_data.write"],
  hospital_reporter: ["facility_reports.submit", "facility_reports.read"],
  programme_staff: ["aggregates.read", "personal_data.read", "personal_data.unmask", "personal_data.write"],
};

/** Permissions that reveal persons; roles holding any of them may not also be administrators. */
export const PERSONAL_DATA_PERMISSIONS: readonly Permission[] = [
  "personal_data.read",
  "personal_data.unmask",
  "personal_data.write",
  "facility_reports.submit",
  "facility_reports.read",
];

export function rolesWith(permission: Permission): Role[] {
  return ROLES.filter((role) => ROLE_PERMISSIONS[role].includes(permission));
}

export function seesPersonalData(role: Role): boolean {
  return ROLE_PERMISSIONS[role].some((permission) => PERSONAL_DATA_PERMISSIONS.includes(permission));
}

/** One grant as the access checks need it. */
export interface GrantScope {
  readonly role: Role;
  /** Canonical division code (2, 4, 6, 9 or 12 digits). */
  readonly jurisdiction: string;
  /** Hospital reporters only: the facility whose reports they submit and see. */
  readonly facility: string | null;
}

export function permissionsOf(grants: readonly GrantScope[]): Permission[] {
  return PERMISSIONS.filter((permission) => grants.some((grant) => ROLE_PERMISSIONS[grant.role].includes(permission)));
}

export function hasPermission(grants: readonly GrantScope[], permission: Permission): boolean {
  return grants.some((grant) => ROLE_PERMISSIONS[grant.role].includes(permission));
}

/**
 * The jurisdictions in which the grants give `permission`, without any that another one already covers
 * (3704 and 370406 → 3704), sorted: the value handed to row-level security.
 */
export function jurisdictionsWith(grants: readonly GrantScope[], permission: Permission): string[] {
  const codes = [...new Set(grants.filter((grant) => ROLE_PERMISSIONS[grant.role].includes(permission)).map((grant) => grant.jurisdiction))];
  return codes.filter((code) => !codes.some((other) => other !== code && isWithinJurisdiction(code, other))).sort();
}

/** Whether the grants give `permission` over the division `code` (fails closed on malformed codes). */
export function coversJurisdiction(grants: readonly GrantScope[], permission: Permission, code: string): boolean {
  return grants.some((grant) => ROLE_PERMISSIONS[grant.role].includes(permission) && isWithinJurisdiction(code, grant.jurisdiction));
}

/**
 * Whether counts about the division `code` must have cells under 10 suppressed for this reader
 * (DOMAIN.md §5): yes unless the reader may see the persons behind them there anyway.
 */
export function mustSuppressSmallCells(grants: readonly GrantScope[], code: string): boolean {
  return !coversJurisdiction(grants, "personal_data.read", code);
}

export type GrantReason =
  | "grant_duplicate"
  | "grant_admin_exclusive"
  | "grant_facility_required"
  | "grant_facility_not_allowed";

export const GRANT_MESSAGES: Readonly<Record<GrantReason, LocalisedMessage>> = {
  grant_duplicate: { zh: "该用户已有相同的授权", en: "The user already holds this grant" },
  grant_admin_exclusive: {
    zh: "管理员角色（系统、安全、审计）不能与其他角色同时授予同一用户",
    en: "An administrator role (system, security, audit) cannot be combined with any other role for one user",
  },
  grant_facility_required: {
    zh: "医院报告员的授权必须指定医疗机构",
    en: "A hospital reporter's grant must name the facility",
  },
  grant_facility_not_allowed: {
    zh: "只有医院报告员的授权可以指定医疗机构",
    en: "Only a hospital reporter's grant names a facility",
  },
};

/** Whether `candidate` may be added to a user who holds `existing` (the separation of duties lives here). */
export function checkGrant(existing: readonly GrantScope[], candidate: GrantScope): Result<void, GrantReason> {
  if (candidate.role === "hospital_reporter" && !candidate.facility) return fail("grant_facility_required");
  if (candidate.role !== "hospital_reporter" && candidate.facility) return fail("grant_facility_not_allowed");
  const same = (grant: GrantScope) =>
    grant.role === candidate.role && grant.jurisdiction === candidate.jurisdiction && (grant.facility ?? null) === (candidate.facility ?? null);
  if (existing.some(same)) return fail("grant_duplicate");
  const isAdmin = (role: Role) => ADMIN_ROLES.includes(role);
  const clashes = existing.some((grant) => (isAdmin(candidate.role) ? grant.role !== candidate.role : isAdmin(grant.role)));
  if (clashes) return fail("grant_admin_exclusive");
  return ok(undefined);
}
