/**
 * The access module's expected failures as HTTP-ready errors: a stable code, a status and both languages.
 * Sign-in failures are deliberately vague (`invalid_credentials` whichever factor was wrong, or whether the
 * user exists); the audit trail records which.
 */
import { AppError } from "../../http/app-error.ts";
import { GRANT_MESSAGES, type GrantReason } from "./roles.ts";
import { PASSWORD_MESSAGES, type PasswordReason } from "./password-hash.ts";

export const accessErrors = {
  authenticationRequired: () =>
    new AppError("authentication_required", 401, { zh: "请先登录", en: "Please sign in" }),
  sessionExpired: () =>
    new AppError("session_expired", 401, {
      zh: "登录已超时，请重新登录",
      en: "Your session has expired; please sign in again",
    }),
  invalidCredentials: () =>
    new AppError("invalid_credentials", 401, {
      zh: "用户名、密码或动态验证码不正确",
      en: "The user name, password or one-time code is not correct",
    }),
  accountLocked: (retryAfterSeconds: number) =>
    new AppError(
      "account_locked",
      423,
      {
        zh: `登录失败次数过多，账号已锁定，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试`,
        en: `Too many failed sign-ins: the account is locked; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`,
      },
      undefined,
      { retryAfterSeconds },
    ),
  tooManyAttempts: (retryAfterSeconds: number) =>
    new AppError(
      "too_many_attempts",
      429,
      { zh: "尝试过于频繁，请稍后再试", en: "Too many attempts; please wait and try again" },
      undefined,
      { retryAfterSeconds },
    ),
  forbidden: () =>
    new AppError("forbidden", 403, {
      zh: "您的角色无权执行此操作",
      en: "Your role does not allow this",
    }),
  outsideJurisdiction: () =>
    new AppError("outside_jurisdiction", 403, {
      zh: "超出您的管辖范围",
      en: "This lies outside your jurisdiction",
    }),
  csrfTokenInvalid: () =>
    new AppError("csrf_token_invalid", 403, {
      zh: "请求缺少有效的安全令牌，请刷新页面后重试",
      en: "The request lacks a valid CSRF token; reload the page and try again",
    }),
  /** Deliberately the same for "absent" and "outside your jurisdiction" (route-access.ts `hideExistence`). */
  notFound: () => new AppError("not_found", 404, { zh: "未找到", en: "Not found" }),
  ownAccount: () =>
    new AppError("own_account", 403, {
      zh: "不能对自己的账号执行此操作",
      en: "You cannot do this to your own account",
    }),
  userNotFound: () => new AppError("user_not_found", 404, { zh: "未找到该用户", en: "No such user" }),
  grantNotFound: () => new AppError("grant_not_found", 404, { zh: "未找到该授权", en: "No such grant" }),
  usernameTaken: () =>
    new AppError("username_taken", 409, { zh: "用户名已被使用", en: "The user name is already taken" }),
  passwordRule: (reason: PasswordReason) => new AppError(reason, 400, PASSWORD_MESSAGES[reason]),
  currentPasswordWrong: () =>
    new AppError("current_password_wrong", 400, { zh: "当前密码不正确", en: "The current password is not correct" }),
  grantRule: (reason: GrantReason) => new AppError(reason, 409, GRANT_MESSAGES[reason]),
  unknownJurisdiction: (code: string) =>
    new AppError(
      "jurisdiction_unknown",
      400,
      { zh: "行政区划代码不存在", en: "No division has this code" },
      `jurisdiction ${code}`,
    ),
  setupTokenInvalid: () =>
    new AppError("setup_token_invalid", 403, {
      zh: "初始化链接无效、已使用或已过期；请重启服务器获取新链接",
      en: "The setup link is invalid, used or expired; restart the server for a new one",
    }),
  setupNotEnrolled: () =>
    new AppError("setup_totp_not_enrolled", 409, {
      zh: "请先获取并绑定动态验证码",
      en: "Enrol the one-time code first",
    }),
  unmaskReasonRequired: () =>
    new AppError("unmask_reason_required", 400, {
      zh: "查看完整信息须填写理由",
      en: "Unmasking a record needs a reason",
    }),
  totpWrong: () =>
    new AppError("totp_wrong", 400, {
      zh: "动态验证码不正确，请检查手机时间后重试",
      en: "The one-time code is not correct; check the phone's clock and try again",
    }),
} as const;

