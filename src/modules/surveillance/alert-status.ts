import { fail, ok, type LocalisedMessage, type Result } from "../../kernel/result.ts";
import type { AlertStatus } from "./model.ts";

/**
 * The life of an SRB alert: detection creates it as `new`; a user takes it `under_review`, and closes it
 * as `explained` (a cause was found: late registrations, a coding error, a real change) or `dismissed` (a
 * false alarm). Closing needs a note saying why — the database refuses it otherwise (migration 0040) — and
 * a closed alert may be reopened for review. Nothing goes back to `new`, which only detection sets.
 * Every change is a row of the append-only history; the alert's status is the latest row's.
 */
export type AlertStatusProblem = "alert_status_unchanged" | "alert_status_not_allowed" | "alert_note_required";

export const ALERT_STATUS_MESSAGES: Readonly<Record<AlertStatusProblem, LocalisedMessage>> = {
  alert_status_unchanged: { zh: "预警已处于该状态", en: "The alert already has this status" },
  alert_status_not_allowed: { zh: "预警不能改回“新预警”状态", en: "An alert cannot be set back to “new”" },
  alert_note_required: {
    zh: "标记为“已解释”或“已排除”时必须填写说明",
    en: "Marking an alert explained or dismissed needs a note saying why",
  },
};

const NEEDS_NOTE: ReadonlySet<AlertStatus> = new Set(["explained", "dismissed"]);

export function checkAlertStatusChange(current: AlertStatus, next: AlertStatus, note: string | undefined): Result<void, AlertStatusProblem> {
  if (next === "new") return fail("alert_status_not_allowed");
  if (next === current) return fail("alert_status_unchanged");
  if (NEEDS_NOTE.has(next) && (note === undefined || note.trim() === "")) return fail("alert_note_required");
  return ok(undefined);
}
