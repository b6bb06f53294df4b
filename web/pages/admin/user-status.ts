import type { User } from "../../api/client.ts";

export type UserStatus = { readonly kind: "active" } | { readonly kind: "disabled" } | { readonly kind: "locked"; readonly until: Date };

/**
 * What the account list shows in its status column: disabled wins (a disabled account cannot sign in at all),
 * then a running lockout (the server only reports one that has not ended, but the page may be old).
 */
export function userStatus(user: Pick<User, "disabled" | "lockedUntil">, now: Date): UserStatus {
  if (user.disabled) return { kind: "disabled" };
  if (user.lockedUntil !== null) {
    const until = new Date(user.lockedUntil);
    if (until > now) return { kind: "locked", until };
  }
  return { kind: "active" };
}
