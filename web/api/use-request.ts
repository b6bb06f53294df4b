import { useCallback, useEffect, useState } from "react";

export type RequestState<T> =
  | { readonly status: "loading" }
  | { readonly status: "failed"; readonly error: unknown }
  | { readonly status: "done"; readonly data: T };

/**
 * Runs one API call when the component mounts and again on `retry()`. A call still in flight when the
 * component unmounts or retries is aborted, so a slow old answer never replaces a newer one.
 * `load` must be stable (a module-level client function such as `getOverview`).
 */
export function useRequest<T>(load: (signal: AbortSignal) => Promise<T>): RequestState<T> & { retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<RequestState<T>>({ status: "loading" });

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: "done", data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: "failed", error });
      },
    );
    return () => controller.abort();
  }, [load, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}
