import { describe, expect, it } from "vitest";
import { ApiError, type Problem } from "../../api/client.ts";
import type { Translate } from "../../i18n/i18n-provider.tsx";
import { describeSignInError } from "./sign-in-error.ts";

const now = new Date("2025-03-01T08:00:00Z");
/** Shows which message was chosen and with which values. */
const t: Translate = (key, params) => (params === undefined ? key : `${key} ${JSON.stringify(params)}`);

function refusal(code: string, status: number, extra: Partial<Problem> = {}): ApiError {
  return new ApiError({ type: "about:blank", title: code, status, code, message: { zh: `中文 ${code}`, en: `English ${code}` }, ...extra });
}

describe("describeSignInError", () => {
  it("says only that the credentials are wrong, never which one", () => {
    expect(describeSignInError(refusal("invalid_credentials", 401), t, "zh-CN", now)).toEqual({ message: "login.invalidCredentials" });
  });

  it("names the time a lockout ends and waits until then", () => {
    const described = describeSignInError(refusal("account_locked", 423, { retryAfterSeconds: 900 }), t, "en-US", now);
    expect(described.retryAt).toEqual(new Date("2025-03-01T08:15:00Z"));
    expect(described.message).toMatch(/^login\.locked \{"time":".+"\}$/);
  });

  it("names the time the rate limit lets the next attempt through", () => {
    const described = describeSignInError(refusal("too_many_attempts", 429, { retryAfterSeconds: 42 }), t, "zh-CN", now);
    expect(described.retryAt).toEqual(new Date("2025-03-01T08:00:42Z"));
    expect(described.message).toMatch(/^login\.rateLimited /);
  });

  it("still explains a lockout that came without a wait", () => {
    expect(describeSignInError(refusal("account_locked", 423), t, "zh-CN", now)).toEqual({ message: "login.lockedNoTime" });
  });

  it.each([
    ["zh-CN", "中文 server_unreachable"],
    ["en-US", "English server_unreachable"],
  ] as const)("passes any other problem on in the user's language (%s)", (locale, message) => {
    expect(describeSignInError(refusal("server_unreachable", 0), t, locale, now)).toEqual({ message });
  });

  it("falls back to the generic message for errors that are not the server's", () => {
    expect(describeSignInError(new TypeError("boom"), t, "zh-CN", now)).toEqual({ message: "error.unexpected" });
  });
});
