import { describe, expect, it } from "vitest";
import { checkAlertStatusChange } from "./alert-status.ts";
import type { AlertStatus } from "./model.ts";

describe("alert status changes", () => {
  it.each<[AlertStatus, AlertStatus, string | undefined]>([
    ["new", "under_review", undefined],
    ["new", "dismissed", "重复上报，已核实"],
    ["under_review", "explained", "迟报的出生登记集中录入"],
    ["explained", "under_review", undefined],
    ["dismissed", "under_review", ""],
  ])("allows %s → %s", (current, next, note) => {
    expect(checkAlertStatusChange(current, next, note)).toEqual({ ok: true, value: undefined });
  });

  it.each<[AlertStatus, AlertStatus, string | undefined, string]>([
    ["new", "explained", undefined, "alert_note_required"],
    ["under_review", "dismissed", "   ", "alert_note_required"],
    ["under_review", "under_review", undefined, "alert_status_unchanged"],
    ["under_review", "new", undefined, "alert_status_not_allowed"],
  ])("refuses %s → %s (note %j) with %s", (current, next, note, reason) => {
    expect(checkAlertStatusChange(current, next, note)).toMatchObject({ ok: false, reason });
  });
});
