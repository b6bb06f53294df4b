import { createContext, useContext, type ReactNode } from "react";
import { getMeta, type ServerMeta } from "../api/client.ts";
import { useRequest } from "../api/use-request.ts";
import { ErrorState } from "../components/error-state.tsx";
import { LoadingState } from "../components/loading-state.tsx";
import { useT } from "../i18n/i18n-provider.tsx";

const ServerMetaContext = createContext<ServerMeta | undefined>(undefined);

/** Asks the server what it offers before drawing the console: navigation depends on `meta.modules`. */
export function ServerMetaProvider({ children }: { readonly children: ReactNode }) {
  const t = useT();
  const meta = useRequest(getMeta);
  if (meta.status === "loading") return <LoadingState fullScreen />;
  if (meta.status === "failed") {
    return (
      <div className="app-fatal">
        <ErrorState error={meta.error} onRetry={meta.retry} title={t("error.serverUnreachable")} />
      </div>
    );
  }
  return <ServerMetaContext value={meta.data}>{children}</ServerMetaContext>;
}

export function useServerMeta(): ServerMeta {
  const meta = useContext(ServerMetaContext);
  if (meta === undefined) throw new Error("useServerMeta used outside <ServerMetaProvider>");
  return meta;
}
