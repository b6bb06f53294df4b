/**
 * The login page remembers where the user was going (`/login?next=/admin/users`) and returns there after
 * signing in. Only paths on this site are followed, so a crafted link cannot send a user elsewhere.
 */

/** The login page's address for someone who wanted `next` (a path with its query). */
export function loginPath(next: string): string {
  return next === "/" || isLoginPath(next) ? "/login" : `/login?next=${encodeURIComponent(next)}`;
}

/**
 * Where to go after signing in: `next` if it is a path on this site, else the overview. `//host` and `/\host`
 * are protocol-relative addresses of another site; the login page itself would loop.
 */
export function safeNextPath(next: string | null): string {
  if (next === null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || isLoginPath(next)) return "/";
  return next;
}

function isLoginPath(path: string): boolean {
  return path === "/login" || path.startsWith("/login?") || path.startsWith("/login/");
}
