import type { RegistrySourceType } from "../../api/client.ts";
import { useHasRole } from "../../app/session.tsx";
import { FACILITY_REPORT_SOURCES, SOURCE_TYPES } from "./issue-codes.ts";

/** The roles that read and correct imported rows (the quarantine); hospital reporters only submit files. */
export const CASE_WORK_ROLES = ["case_worker", "programme_staff"] as const;

/** The source types the signed-in user may submit: all for case work, a hospital's own reports otherwise. */
export function useSubmittableSources(): readonly RegistrySourceType[] {
  return useHasRole(CASE_WORK_ROLES) ? SOURCE_TYPES : FACILITY_REPORT_SOURCES;
}
