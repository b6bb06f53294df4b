import { Alert, Card, Flex, theme } from "antd";
import type { ReactNode } from "react";
import { useServerMeta } from "../../app/server-meta.tsx";
import { LanguageSwitch } from "../../components/language-switch.tsx";
import { useT } from "../../i18n/i18n-provider.tsx";

/**
 * The frame of the pages shown before anyone signs in (login, first-run setup): the product's name, the
 * language switch, and the demo banner, around one centred card.
 */
export function AuthLayout({ title, width = 420, children }: { readonly title: string; readonly width?: number; readonly children: ReactNode }) {
  const t = useT();
  const meta = useServerMeta();
  const { token } = theme.useToken();
  return (
    <div style={{ minHeight: "100vh", background: token.colorBgLayout }}>
      {meta.demo ? <Alert type="warning" banner title={t("header.demoBanner")} /> : null}
      <Flex component="header" justify="space-between" align="center" gap={16} style={{ padding: "12px 24px" }}>
        <Flex align="center" gap={12}>
          <span className="app-logo" aria-hidden="true" style={{ background: token.colorPrimary }}>
            人
          </span>
          <span className="app-name" style={{ color: token.colorTextHeading }}>
            {t("app.name")}
          </span>
          <span style={{ color: token.colorTextSecondary }}>renkou {meta.version}</span>
        </Flex>
        <LanguageSwitch />
      </Flex>
      <main id="main" style={{ padding: "4vh 16px 32px" }}>
        <Card style={{ maxWidth: width, margin: "0 auto" }}>
          <Flex vertical gap={16}>
            <h1 className="page-title">{title}</h1>
            {children}
          </Flex>
        </Card>
      </main>
    </div>
  );
}
