import { Tabs } from "antd";
import { lazy, type ComponentType, type LazyExoticComponent } from "react";
import { Navigate, Route, Routes, useLocation, useNavigate } from "react-router";
import type { Role } from "../../../src/modules/access/roles.ts";
import { useSignedInRoles } from "../../app/session.tsx";
import { useT } from "../../i18n/i18n-provider.tsx";
import type { MessageKey } from "../../i18n/zh-CN.ts";
import { NotFoundPage } from "../not-found/not-found-page.tsx";

interface AdminSection {
  /** Path under /admin. */
  readonly path: string;
  readonly label: MessageKey;
  /** Shown to holders of these roles; the server refuses everyone else anyway. */
  readonly roles: readonly Role[];
  readonly page: LazyExoticComponent<ComponentType>;
}

const sections: readonly AdminSection[] = [
  {
    path: "users",
    label: "admin.users",
    roles: ["system_admin", "security_admin"],
    page: lazy(() => import("./users-page.tsx").then((m) => ({ default: m.UsersPage }))),
  },
  {
    path: "audit",
    label: "admin.audit",
    roles: ["audit_admin"],
    page: lazy(() => import("./audit-page.tsx").then((m) => ({ default: m.AuditPage }))),
  },
];

/**
 * 系统管理: accounts and grants (system and security administrators), the audit trail (audit administrator).
 * Each administrator sees only the sections of their role (三员分立); tabs appear when there are several.
 */
export function AdminPage() {
  const t = useT();
  const roles = useSignedInRoles();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const visible = sections.filter((section) => section.roles.some((role) => roles.includes(role)));
  const [first] = visible;
  if (first === undefined) return <NotFoundPage />;
  const active = visible.find((section) => pathname.startsWith(`/admin/${section.path}`))?.path;

  return (
    <>
      {visible.length > 1 ? (
        <Tabs
          activeKey={active}
          onChange={(key) => void navigate(`/admin/${key}`)}
          items={visible.map((section) => ({ key: section.path, label: t(section.label) }))}
        />
      ) : null}
      <Routes>
        <Route index element={<Navigate to={first.path} replace />} />
        {visible.map(({ path, page: Page }) => (
          <Route key={path} path={`${path}/*`} element={<Page />} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </>
  );
}
