import { Alert, Flex, Layout, Menu, Tag, theme } from "antd";
import { Suspense } from "react";
import { Link, Outlet, useLocation } from "react-router";
import { LanguageSwitch } from "../components/language-switch.tsx";
import { LoadingState } from "../components/loading-state.tsx";
import { useT } from "../i18n/i18n-provider.tsx";
import { useAvailableModules } from "./console-modules.tsx";
import { useServerMeta } from "./server-meta.tsx";
import { SignedInUser } from "./signed-in-user.tsx";

/**
 * The frame around every page: header with product name, the signed-in user and language, side menu of
 * available modules.
 */
export function AppShell() {
  const t = useT();
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
        <Flex align="center" gap={16} style={{ minWidth: 0 }}>
          <SignedInUser />
          <LanguageSwitch />
        </Flex>
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
