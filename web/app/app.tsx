import { ConfigProvider, type ConfigProviderProps } from "antd";
import * as enUSAntd from "antd/es/locale/en_US.js";
import * as zhCNAntd from "antd/es/locale/zh_CN.js";
import { lazy, Suspense } from "react";
import { BrowserRouter, Route, Routes } from "react-router";
import { LoadingState } from "../components/loading-state.tsx";
import { useLocale } from "../i18n/i18n-provider.tsx";
import type { Locale } from "../i18n/locale.ts";
import { AppShell } from "./app-shell.tsx";
import { useAvailableModules } from "./console-modules.tsx";
import { ServerMetaProvider } from "./server-meta.tsx";
import { RequireSession, SessionProvider } from "./session.tsx";

const NotFoundPage = lazy(() =>
  import("../pages/not-found/not-found-page.tsx").then((m) => ({ default: m.NotFoundPage })),
);
const LoginPage = lazy(() => import("../pages/auth/login-page.tsx").then((m) => ({ default: m.LoginPage })));
const SetupPage = lazy(() => import("../pages/auth/setup-page.tsx").then((m) => ({ default: m.SetupPage })));

type AntdLocale = NonNullable<ConfigProviderProps["locale"]>;

// antd's ES build lacks "type": "module", so TypeScript (NodeNext) reads it as CommonJS and adds one `default`
// level more than the bundler does: at run time the namespace's `default` is the locale itself.
const antdLocales: Readonly<Record<Locale, AntdLocale>> = {
  "zh-CN": zhCNAntd.default as unknown as AntdLocale,
  "en-US": enUSAntd.default as unknown as AntdLocale,
};

/**
 * The console: antd in the chosen language, the server's metadata, the signed-in user, then the routes of the
 * available modules (login and first-run setup need no session).
 */
export function App() {
  const { locale } = useLocale();
  return (
    <ConfigProvider locale={antdLocales[locale]}>
      <BrowserRouter>
        <ServerMetaProvider>
          <SessionProvider>
            <ConsoleRoutes />
          </SessionProvider>
        </ServerMetaProvider>
      </BrowserRouter>
    </ConfigProvider>
  );
}

function ConsoleRoutes() {
  const modules = useAvailableModules();
  return (
    <Routes>
      <Route
        path="/login"
        element={
          <Suspense fallback={<LoadingState fullScreen />}>
            <LoginPage />
          </Suspense>
        }
      />
      <Route
        path="/setup"
        element={
          <Suspense fallback={<LoadingState fullScreen />}>
            <SetupPage />
          </Suspense>
        }
      />
      <Route
        element={
          <RequireSession>
            <AppShell />
          </RequireSession>
        }
      >
        {modules.map(({ key, path, page: Page }) =>
          path === "/" ? (
            <Route key={key} index element={<Page />} />
          ) : (
            <Route key={key} path={`${path}/*`} element={<Page />} />
          ),
        )}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
