import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import type { Role } from "../../src/modules/access/roles.ts";
import { ApiError, getSession, lastServerAnswerAt, onUnauthorised, setCsrfToken, signOut as requestSignOut, type SessionInfo } from "../api/client.ts";
import { ErrorState } from "../components/error-state.tsx";
import { LoadingState } from "../components/loading-state.tsx";
import { useT } from "../i18n/i18n-provider.tsx";
import { loginPath } from "../pages/auth/next-path.ts";

/** Why nobody is signed in: never was (first visit), the server ended the session, or the user signed out. */
export type SignedOutReason = "none" | "expired" | "signed_out";

type SessionState =
  | { readonly status: "loading" }
  | { readonly status: "failed"; readonly error: unknown }
  | { readonly status: "signed_out"; readonly reason: SignedOutReason }
  | { readonly status: "signed_in"; readonly info: SessionInfo };

interface SessionControl {
  readonly state: SessionState;
  /** After a successful sign-in: keeps the session and its CSRF token. */
  readonly acceptSignIn: (info: SessionInfo) => void;
  /** Ends the session on the server, then here; throws ApiError when the server could not be reached. */
  readonly signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionControl | undefined>(undefined);

const IDLE_CHECK_MS = 15_000;

/**
 * Who is signed in, asked of the server (`GET auth/me`) before the console draws anything that needs it.
 * Any later 401 from the API means the server ended the session (idle timeout, disabled account, sign-out
 * elsewhere): the state becomes "expired" and RequireSession sends the user to the login page.
 */
export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const t = useT();
  const [state, setState] = useState<SessionState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    getSession(controller.signal).then(
      (info) => {
        if (controller.signal.aborted) return;
        setCsrfToken(info.csrfToken);
        setState({ status: "signed_in", info });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState(error instanceof ApiError && error.status === 401 ? { status: "signed_out", reason: "none" } : { status: "failed", error });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  // The server ends a session after `idleTimeoutSeconds` without a request; the console then stops showing
  // the page (it may hold personal data) instead of waiting for the next request to find out.
  const idleTimeoutMs = state.status === "signed_in" ? state.info.idleTimeoutSeconds * 1000 : undefined;
  useEffect(() => {
    if (idleTimeoutMs === undefined) return;
    const timer = window.setInterval(() => {
      if (Date.now() - lastServerAnswerAt() < idleTimeoutMs) return;
      // Ends it on the server too, if it is not over there yet (the request has read the CSRF token when
      // requestSignOut returns, so forgetting the token next is safe).
      void requestSignOut().catch(() => undefined);
      setCsrfToken(undefined);
      setState({ status: "signed_out", reason: "expired" });
    }, IDLE_CHECK_MS);
    return () => window.clearInterval(timer);
  }, [idleTimeoutMs]);

  useEffect(
    () =>
      onUnauthorised(() => {
        setCsrfToken(undefined);
        setState((current) => (current.status === "signed_in" ? { status: "signed_out", reason: "expired" } : current));
      }),
    [],
  );

  const acceptSignIn = useCallback((info: SessionInfo) => {
    setCsrfToken(info.csrfToken);
    setState({ status: "signed_in", info });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await requestSignOut();
    } catch (error) {
      // Already ended on the server: nothing left to end.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    setCsrfToken(undefined);
    setState({ status: "signed_out", reason: "signed_out" });
  }, []);

  const control = useMemo<SessionControl>(() => ({ state, acceptSignIn, signOut }), [state, acceptSignIn, signOut]);

  if (state.status === "loading") return <LoadingState fullScreen />;
  if (state.status === "failed") {
    return (
      <div className="app-fatal">
        <ErrorState error={state.error} onRetry={() => setAttempt((n) => n + 1)} title={t("error.serverUnreachable")} />
      </div>
    );
  }
  return <SessionContext value={control}>{children}</SessionContext>;
}

export function useSessionControl(): SessionControl {
  const control = useContext(SessionContext);
  if (control === undefined) throw new Error("useSessionControl used outside <SessionProvider>");
  return control;
}

/** The signed-in user's session; only inside <RequireSession>. */
export function useSession(): SessionInfo {
  const { state } = useSessionControl();
  if (state.status !== "signed_in") throw new Error("useSession used without a signed-in user (wrap the route in <RequireSession>)");
  return state.info;
}

/** The roles the signed-in user holds somewhere (none when signed out), each once. */
export function useSignedInRoles(): readonly Role[] {
  const { state } = useSessionControl();
  return useMemo(() => (state.status === "signed_in" ? [...new Set(state.info.grants.map((grant) => grant.role))] : []), [state]);
}

/** Whether the signed-in user holds one of `roles` in some jurisdiction. */
export function useHasRole(roles: readonly Role[]): boolean {
  const held = useSignedInRoles();
  return held.some((role) => roles.includes(role));
}

/**
 * Shows `children` to a signed-in user; sends anyone else to the login page, which brings them back here —
 * except after signing out, when the next person to sign in starts from the overview.
 */
export function RequireSession({ children }: { readonly children: ReactNode }) {
  const { state } = useSessionControl();
  const location = useLocation();
  if (state.status === "signed_in") return children;
  const signedOut = state.status === "signed_out" && state.reason === "signed_out";
  return <Navigate to={signedOut ? "/login" : loginPath(`${location.pathname}${location.search}`)} replace />;
}
