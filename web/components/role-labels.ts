import type { Role } from "../../src/modules/access/roles.ts";
import type { MessageKey } from "../i18n/zh-CN.ts";

/** Every role's name in the console (roles.ts ROLES lists them in order). */
export const ROLE_LABELS: Readonly<Record<Role, MessageKey>> = {
  system_admin: "role.system_admin",
  security_admin: "role.security_admin",
  audit_admin: "role.audit_admin",
  analyst: "role.analyst",
  case_worker: "role.case_worker",
  hospital_reporter: "role.hospital_reporter",
  programme_staff: "role.programme_staff",
};
