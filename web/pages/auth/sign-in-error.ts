import { ApiError } from "../../api/client.ts";
import type { Translate } from "../../i18n/i18n-provider.tsx";
import type { Locale } from "../../i18n/locale.ts";

export interface SignInError {
  readonly message: string;
  /** Until when the server refuses further attempts (lockout, rate limit); the form waits till then. */
  readonly retryAt?: Date;
}

/**
 * What to tell someone whose sign-in failed. The server never says which factor was wrong
 * (`invalid_credentials`); a lockout and the rate limit say how long to wait, shown as a time of day.
 */
export function describeSignInError(error: unknown, t: Translate, locale: Locale, now: Date): SignInError {
  if (!(error instanceof ApiError)) return { message: t("error.unexpected") };
  const { problem } = error;
  const retryAt = typeof problem.retryAfterSeconds === "number" ? new Date(now.getTime() + problem.retryAfterSeconds * 1000) : undefined;
  const time = retryAt?.toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  switch (problem.code) {
    case "invalid_credentials":
      return { message: t("login.invalidCredentials") };
    case "account_locked":
      return time === undefined ? { message: t("login.lockedNoTime") } : { message: t("login.locked", { time }), retryAt: retryAt! };
    case "too_many_attempts":
      return time === undefined ? { message: t("login.rateLimitedNoTime") } : { message: t("login.rateLimited", { time }), retryAt: retryAt! };
    default:
      return { message: locale === "zh-CN" ? problem.message.zh : problem.message.en };
  }
}
