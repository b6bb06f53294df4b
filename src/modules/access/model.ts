/**
 * The access module's shapes: API schemas (Zod; the console imports their types) and Kysely's view of the
 * tables of migrations 0021 and 0022.
 */
import type { ColumnType, Generated } from "kysely";
import { z } from "zod";
import type { AuditDetail, AuditResult as AuditResultName } from "./audit-chain.ts";
import { PERMISSIONS, ROLES, type Role as RoleName } from "./roles.ts";

export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const Permission = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof Permission>;

/** Lower-case letters, digits, '.', '_' and '-'; 3–64 characters; compared case-insensitively. */
export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, "3–64 characters: a–z, 0–9, '.', '_', '-', starting with a letter or digit");
export type Username = z.infer<typeof Username>;

/** A division code as a jurisdiction (same shape as the division table's codes). */
export const JurisdictionCode = z.string().regex(/^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{3}([0-9]{3})?)?)?)?$/);

export const Password = z.string().min(1).max(1024);
export const DisplayName = z.string().trim().max(100);
export const TotpCode = z.string().trim().max(16);
export const UserId = z.uuid();

export const Grant = z.object({
  id: z.uuid(),
  role: Role,
  jurisdiction: z.string(),
  facility: z.string().nullable(),
  grantedAt: z.iso.datetime(),
});
export type Grant = z.infer<typeof Grant>;

export const GrantRequest = z.object({
  role: Role,
  jurisdiction: JurisdictionCode,
  facility: z.string().trim().min(1).max(64).optional(),
});
export type GrantRequest = z.infer<typeof GrantRequest>;

export const User = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  disabled: z.boolean(),
  /** When a lockout ends, if one is running. */
  lockedUntil: z.iso.datetime().nullable(),
  demo: z.boolean(),
  createdAt: z.iso.datetime(),
  lastLoginAt: z.iso.datetime().nullable(),
  grants: z.array(Grant),
});
export type User = z.infer<typeof User>;

export const LoginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: Password,
  /** Required outside demo mode. */
  totp: TotpCode.optional(),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** What the console knows about the signed-in user (`POST /auth/login`, `GET /auth/me`). */
export const SessionInfo = z.object({
  user: z.object({ id: z.uuid(), username: z.string(), displayName: z.string() }),
  grants: z.array(Grant),
  permissions: z.array(Permission),
  /** Send as the `x-csrf-token` header with every POST, PUT, PATCH and DELETE. */
  csrfToken: z.string(),
  demo: z.boolean(),
  idleTimeoutSeconds: z.number().int(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const TotpEnrolment = z.object({
  /** Base32, shown once, for typing into an authenticator app. */
  totpSecret: z.string(),
  /** The otpauth:// Key URI, for a QR code. */
  otpauthUri: z.string(),
});
export type TotpEnrolment = z.infer<typeof TotpEnrolment>;

export const CreateUserRequest = z.object({
  username: Username,
  displayName: DisplayName.default(""),
  password: Password,
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const CreatedUser = TotpEnrolment.extend({ id: z.uuid(), username: z.string() });
export type CreatedUser = z.infer<typeof CreatedUser>;

export const PasswordChangeRequest = z.object({ currentPassword: Password, newPassword: Password });
export const PasswordResetRequest = z.object({ password: Password });

export const SetupStatus = z.object({
  /** True while no (non-demo) system administrator exists and the instance is not a demo. */
  required: z.boolean(),
});
export const SetupTokenRequest = z.object({ token: z.string().min(1).max(200) });
export const SetupCompleteRequest = z.object({
  token: z.string().min(1).max(200),
  username: Username,
  displayName: DisplayName.default(""),
  password: Password,
  /** A code from the authenticator app enrolled with `POST /setup/totp`. */
  totp: TotpCode,
  /** The first administrator's jurisdiction, e.g. 3704 for the whole city. */
  jurisdiction: JurisdictionCode,
});
export type SetupCompleteRequest = z.infer<typeof SetupCompleteRequest>;

/** Unmasking one record: the reason is stored in the audit trail. */
export const UnmaskRequest = z.object({ reason: z.string().trim().min(2).max(500) });
export type UnmaskRequest = z.infer<typeof UnmaskRequest>;

export const AuditResult = z.enum(["success", "denied", "failure"]);

export const AuditEvent = z.object({
  seq: z.number().int(),
  at: z.iso.datetime(),
  actorId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  regionCode: z.string().nullable(),
  result: AuditResult,
  clientAddress: z.string().nullable(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Exact user name. */
  actor: z.string().trim().min(1).max(64).optional(),
  /** Action name or its prefix (`user.` finds every account action). */
  action: z.string().trim().min(1).max(100).optional(),
  result: AuditResult.optional(),
  targetType: z.string().trim().min(1).max(64).optional(),
  targetId: z.string().trim().min(1).max(200).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPageQuery = AuditQuery.extend({
  /** Newest first: pass the last seq of a page to get the next (older) page. */
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditPageQuery = z.infer<typeof AuditPageQuery>;

export const AuditVerification = z.discriminatedUnion("intact", [
  z.object({
    intact: z.literal(true),
    entries: z.number().int(),
    head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  }),
  z.object({
    intact: z.literal(false),
    entries: z.number().int(),
    firstBroken: z.object({
      seq: z.number().int(),
      reason: z.enum(["sequence_gap", "previous_hash_mismatch", "hash_mismatch"]),
    }),
  }),
]);
export type AuditVerification = z.infer<typeof AuditVerification>;

// ---- tables (migrations 0021, 0022) ----

export interface AppUserTable {
  id: Generated<string>;
  username: string;
  display_name: Generated<string>;
  password_hash: string;
  /** Base32 TOTP secret. */
  totp_secret: string;
  /** The time step of the last code accepted (no replay). */
  totp_last_step: number | null;
  is_demo: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  disabled_at: Date | null;
  created_at: Generated<Date>;
  password_changed_at: Generated<Date>;
  last_login_at: Date | null;
}

export interface RoleGrantTable {
  id: Generated<string>;
  user_id: string;
  role: RoleName;
  jurisdiction: string;
  facility: string | null;
  granted_at: Generated<Date>;
  granted_by: string | null;
  revoked_at: Date | null;
  revoked_by: string | null;
}

export interface AppSessionTable {
  /** SHA-256 of the cookie value: a copy of the table does not hand out sessions. */
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Date;
  last_seen_at: Date;
  client_address: string | null;
}

export interface SetupTokenTable {
  token_hash: string;
  created_at: Date;
  expires_at: Date;
  /** The TOTP secret offered for enrolment on the setup page, until setup completes. */
  totp_secret: string | null;
  used_at: Date | null;
}

export interface AuditEventTable {
  seq: number;
  at: Date;
  actor_id: string | null;
  actor_username: string | null;
  actor_role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  region_code: string | null;
  result: AuditResultName;
  client_address: string | null;
  detail: ColumnType<AuditDetail, string, never>;
  prev_hash: string;
  hash: string;
}
