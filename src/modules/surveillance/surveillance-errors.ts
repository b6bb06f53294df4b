/** The surveillance module's expected failures as HTTP-ready errors: a stable code, a status and both languages. */
import { AppError } from "../../http/app-error.ts";
import { ALERT_STATUS_MESSAGES, type AlertStatusProblem } from "./alert-status.ts";

export const surveillanceErrors = {
  regionNotFound: (code: string) =>
    new AppError("region_not_found", 404, { zh: `没有代码为 ${code} 的行政区划`, en: `No division has the code ${code}` }),
  alertNotFound: (id: number) =>
    new AppError("alert_not_found", 404, { zh: "预警不存在", en: "No such alert" }, `alert ${id}`),
  /** A missing note is a bad request; a change the alert's state does not allow is a conflict. */
  alertStatus: (problem: AlertStatusProblem) =>
    new AppError(problem, problem === "alert_note_required" ? 400 : 409, ALERT_STATUS_MESSAGES[problem]),
} as const;
