import { describe, expect, it } from "vitest";
import {
  ADMIN_ROLES,
  ROLES,
  ROLE_PERMISSIONS,
  checkGrant,
  coversJurisdiction,
  jurisdictionsWith,
  mustSuppressSmallCells,
  permissionsOf,
  seesPersonalData,
  type GrantScope,
} from "./roles.ts";

const grant = (role: GrantScope["role"], jurisdiction: string, facility: string | null = null): GrantScope => ({ role, jurisdiction, facility });

describe("separation of the administrators", () => {
  it.each(ADMIN_ROLES)("%s sees no personal data", (role) => {
    expect(seesPersonalData(role)).toBe(false);
  });

  it("gives no two administrator roles a permission in common", () => {
    const [system, security, audit] = ADMIN_ROLES.map((role) => new Set(ROLE_PERMISSIONS[role].filter((p) => p !== "users.read")));
    for (const [a, b] of [[system, security], [system, audit], [security, audit]] as const) {
      expect([...a!].filter((permission) => b!.has(permission))).toEqual([]);
    }
  });

  it("lets only the security administrator grant roles and only the audit administrator read the audit", () => {
    expect(ROLES.filter((role) => ROLE_PERMISSIONS[role].includes("grants.manage"))).toEqual(["security_admin"]);
    expect(ROLES.filter((role) => ROLE_PERMISSIONS[role].includes("audit.read"))).toEqual(["audit_admin"]);
    expect(ROLES.filter((role) => ROLE_PERMISSIONS[role].includes("users.manage"))).toEqual(["system_admin"]);
  });

  it("gives analysts aggregates only", () => {
    expect(ROLE_PERMISSIONS.analyst).toEqual(["aggregates.read"]);
  });
});

describe("checkGrant", () => {
  it.each([
    [[], grant("hospital_reporter", "370406"), "grant_facility_required"],
    [[], grant("case_worker", "370406", "H1"), "grant_facility_not_allowed"],
    [[grant("case_worker", "370406")], grant("case_worker", "370406"), "grant_duplicate"],
    [[grant("case_worker", "370406")], grant("system_admin", "3704"), "grant_admin_exclusive"],
    [[grant("audit_admin", "3704")], grant("security_admin", "3704"), "grant_admin_exclusive"],
    [[grant("system_admin", "3704")], grant("analyst", "3704"), "grant_admin_exclusive"],
  ] as const)("refuses %j + %j: %s", (existing, candidate, reason) => {
    expect(checkGrant(existing, candidate)).toMatchObject({ ok: false, reason });
  });

  it.each([
    [[], grant("system_admin", "3704")],
    [[grant("system_admin", "370406")], grant("system_admin", "370481")],
    [[grant("case_worker", "370406")], grant("analyst", "3704")],
    [[grant("hospital_reporter", "370406", "H1")], grant("hospital_reporter", "370406", "H2")],
  ] as const)("allows %j + %j", (existing, candidate) => {
    expect(checkGrant(existing, candidate).ok).toBe(true);
  });
});

describe("jurisdiction scope", () => {
  const grants = [grant("case_worker", "370406"), grant("case_worker", "370406101"), grant("analyst", "3704"), grant("programme_staff", "370481")];

  it("lists the covering jurisdictions for a permission, without nested ones", () => {
    expect(jurisdictionsWith(grants, "personal_data.read")).toEqual(["370406", "370481"]);
    expect(jurisdictionsWith(grants, "aggregates.read")).toEqual(["3704"]);
    expect(jurisdictionsWith(grants, "audit.read")).toEqual([]);
  });

  it.each([
    ["370406101", "personal_data.read", true],
    ["370481105", "personal_data.read", true],
    ["370402", "personal_data.read", false],
    ["370402", "aggregates.read", true],
    ["3704", "personal_data.read", false],
    ["37040", "aggregates.read", false],
  ] as const)("covers %s for %s: %s", (code, permission, expected) => {
    expect(coversJurisdiction(grants, permission, code)).toBe(expected);
  });

  it("suppresses small cells for readers who may not see the persons there", () => {
    expect(mustSuppressSmallCells([grant("analyst", "3704")], "370406")).toBe(true);
    expect(mustSuppressSmallCells([grant("case_worker", "370406")], "370406101")).toBe(false);
    expect(mustSuppressSmallCells([grant("case_worker", "370406")], "370481")).toBe(true);
  });

  it("collects the permissions of all grants", () => {
    expect(permissionsOf([grant("analyst", "3704"), grant("hospital_reporter", "370406", "H")])).toEqual([
      "aggregates.read",
      "facility_reports.submit",
      "facility_reports.read",
    ]);
  });
});
