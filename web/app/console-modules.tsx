import {
  AlertOutlined,
  BarChartOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  GiftOutlined,
  HeartOutlined,
  NodeIndexOutlined,
  SettingOutlined,
  SwapOutlined,
} from "@ant-design/icons";
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from "react";
import type { ModuleKey } from "../../src/http/meta-model.ts";
import type { Role } from "../../src/modules/access/roles.ts";
import type { MessageKey } from "../i18n/zh-CN.ts";
import { useServerMeta } from "./server-meta.tsx";
import { useSignedInRoles } from "./session.tsx";

export interface ConsoleModule {
  readonly key: ModuleKey;
  /** First path segment of the module's pages; also its menu key. */
  readonly path: string;
  readonly label: MessageKey;
  readonly icon: ReactNode;
  /** The module's page, loaded when first visited. Absent until the console has one; the entry then stays hidden. */
  readonly page?: LazyExoticComponent<ComponentType>;
  /** Shown only to users holding one of these roles; absent: to every signed-in user. */
  readonly roles?: readonly Role[];
}

/**
 * The console's navigation, in menu order. A module appears once the server lists it in `meta.modules` and
 * its row here has a page: adding a module to the console is one `page:` line and one folder under pages/.
 */
export const consoleModules: readonly ConsoleModule[] = [
  {
    key: "overview",
    path: "/",
    label: "nav.overview",
    icon: <DashboardOutlined />,
    page: lazy(() => import("../pages/overview/overview-page.tsx").then((m) => ({ default: m.OverviewPage }))),
  },
  {
    key: "registry",
    path: "/registry",
    label: "nav.registry",
    icon: <CloudUploadOutlined />,
    page: lazy(() => import("../pages/registry/registry-page.tsx").then((m) => ({ default: m.RegistryPage }))),
    roles: ["case_worker", "programme_staff", "hospital_reporter"],
  },
  {
    key: "linkage",
    path: "/linkage",
    label: "nav.linkage",
    icon: <NodeIndexOutlined />,
    page: lazy(() => import("../pages/linkage/linkage-page.tsx").then((m) => ({ default: m.LinkagePage }))),
    roles: ["analyst", "case_worker", "programme_staff"],
  },
  {
    key: "surveillance",
    path: "/surveillance",
    label: "nav.surveillance",
    icon: <AlertOutlined />,
    page: lazy(() => import("../pages/surveillance/surveillance-page.tsx").then((m) => ({ default: m.SurveillancePage }))),
  },
  { key: "preconception", path: "/preconception", label: "nav.preconception", icon: <HeartOutlined /> },
  { key: "benefits", path: "/benefits", label: "nav.benefits", icon: <GiftOutlined /> },
  { key: "exchange", path: "/exchange", label: "nav.exchange", icon: <SwapOutlined /> },
  { key: "indicators", path: "/indicators", label: "nav.indicators", icon: <BarChartOutlined /> },
  {
    key: "admin",
    path: "/admin",
    label: "nav.admin",
    icon: <SettingOutlined />,
    page: lazy(() => import("../pages/admin/admin-page.tsx").then((m) => ({ default: m.AdminPage }))),
    roles: ["system_admin", "security_admin", "audit_admin"],
  },
];

export type AvailableModule = ConsoleModule & { readonly page: LazyExoticComponent<ComponentType> };

/** The modules this server offers, this console can show, and the signed-in user's roles open, in menu order. */
export function useAvailableModules(): readonly AvailableModule[] {
  const { modules } = useServerMeta();
  const roles = useSignedInRoles();
  return consoleModules.filter(
    (module): module is AvailableModule =>
      module.page !== undefined &&
      modules.includes(module.key) &&
      (module.roles === undefined || module.roles.some((role) => roles.includes(role))),
  );
}

/** The module with this key, if the server offers it and the console has its page (e.g. to link to 数据导入). */
export function useAvailableModule(key: ModuleKey): AvailableModule | undefined {
  return useAvailableModules().find((module) => module.key === key);
}
