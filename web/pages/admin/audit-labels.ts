import type { AuditEvent } from "../../api/client.ts";
import type { MessageKey } from "../../i18n/zh-CN.ts";

/**
 * Names for the actions the access services record (src/modules/access: auth-service, user-service,
 * audit-service, setup-service). Entries written by the HTTP layer are named by method and route
 * (`GET /api/v1/users`) and are shown as they are.
 */
export const ACTION_LABELS: Readonly<Record<string, MessageKey>> = {
  "auth.login": "auditAction.authLogin",
  "auth.logout": "auditAction.authLogout",
  "auth.password_change": "auditAction.passwordChange",
  "user.create": "auditAction.userCreate",
  "user.disable": "auditAction.userDisable",
  "user.enable": "auditAction.userEnable",
  "user.unlock": "auditAction.userUnlock",
  "user.reset_totp": "auditAction.userResetTotp",
  "user.reset_password": "auditAction.userResetPassword",
  "grant.add": "auditAction.grantAdd",
  "grant.revoke": "auditAction.grantRevoke",
  "audit.export": "auditAction.auditExport",
  "setup.first_admin": "auditAction.setupFirstAdmin",
  "personal_data.unmask": "auditAction.unmask",
  "demo.users": "auditAction.demoUsers",
};

/** Prefixes offered in the action filter (the server matches an action by prefix). */
export const ACTION_PREFIXES = ["auth.", "user.", "grant.", "audit.", "setup.", "personal_data.", "GET ", "POST ", "DELETE "] as const;

export const RESULT_LABELS: Readonly<Record<AuditEvent["result"], MessageKey>> = {
  success: "audit.resultSuccess",
  denied: "audit.resultDenied",
  failure: "audit.resultFailure",
};

export const RESULT_COLOURS: Readonly<Record<AuditEvent["result"], string>> = {
  success: "green",
  denied: "orange",
  failure: "red",
};
