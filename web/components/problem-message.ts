import { ApiError } from "../api/client.ts";
import type { Locale } from "../i18n/locale.ts";

/** The server's own message for a failed call in the user's language, or `fallback` for anything else. */
export function problemMessage(error: unknown, locale: Locale, fallback: string): string {
  if (!(error instanceof ApiError)) return fallback;
  return locale === "zh-CN" ? error.problem.message.zh : error.problem.message.en;
}
