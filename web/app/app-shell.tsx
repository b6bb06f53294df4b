import { Alert, Flex, Layout, Menu, Segmented, Tag, theme } from "antd";
import { Suspense } from "react";
import { Link, Outlet, useLocation } from "react-router";
import { LoadingState } from "../components/loading-state.tsx";
import { useLocale, useT } from "../i18n/i18n-provider.tsx";
import type { Locale } from "../i18n/locale.ts";
import { useAvailableModules } from "./console-modules.tsx";
import { useServerMeta } from "./server-meta.tsx";

// Each language is named in itself, so a user who switched by mistake can still find their own.
const languageOptions: { label: string; value: Locale }[] = [
  { label: "中文", value: "zh-CN" },
  { label: "English", value: "en-US" },
];

/** The frame around every page: header with product name and language, side menu of available modules. */
export function AppShell() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  const meta = useServerMeta();
  const modules = useAvailableModules();
  const { pathname } = useLocation();
  const { token } = theme.useToken();
  const selectedPath = `/${pathname.split("/")[1] ?? ""}`;

  return (
    <Layout className="app-shell">
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <Layout.Header className="app-header" style={{ background: token.colorBgContainer }}>
        <Flex align="center" gap={12} style={{ minWidth: 0 }}>
          <span className="app-logo" aria-hidden="true" style={{ background: token.colorPrimary }}>
            人
          </span>
          <span className="app-name" style={{ color: token.colorTextHeading }}>
            {t("app.name")}
          </span>
          <span style={{ color: token.colorTextSecondary }}>renkou {meta.version}</span>
          {meta.demo ? <Tag color="orange">{t("header.demoTag")}</Tag> : null}
        </Flex>
        <Segmented<Locale>
          aria-label={t("header.language")}
          options={languageOptions}
          value={locale}
          onChange={setLocale}
        />
      </Layout.Header>
      <Layout>
        <Layout.Sider width={200} theme="light" className="app-sider">
          <nav aria-label={t("nav.label")}>
            <Menu
              mode="inline"
              selectedKeys={[selectedPath]}
              items={modules.map((module) => ({
                key: module.path,
                icon: module.icon,
                label: <Link to={module.path}>{t(module.label)}</Link>,
              }))}
              style={{ borderInlineEnd: "none" }}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content>
          {meta.demo ? <Alert type="warning" banner title={t("header.demoBanner")} /> : null}
          <main id="main" tabIndex={-1} className="app-main">
            <Suspense fallback={<LoadingState />}>
              <Outlet />
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
