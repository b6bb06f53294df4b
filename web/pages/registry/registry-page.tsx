import { Flex, Tabs } from "antd";
import { Navigate, Route, Routes, useLocation, useNavigate } from "react-router";
import { useT } from "../../i18n/i18n-provider.tsx";
import { NotFoundPage } from "../not-found/not-found-page.tsx";
import { BatchDetailPage } from "./batch-detail.tsx";
import { BatchList } from "./batch-list.tsx";
import { ImportWizard } from "./import-wizard.tsx";

/**
 * 数据导入 (case workers, programme staff): import a department's extract (/registry/import), and the
 * batches with their quarantined rows (/registry/batches, /registry/batches/:id).
 */
export function RegistryPage() {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const active = pathname.startsWith("/registry/batches") ? "batches" : "import";

  return (
    <Flex vertical gap={8}>
      <h1 className="page-title">{t("registry.title")}</h1>
      <Tabs
        activeKey={active}
        // onTabClick, not onChange: on a batch's page the active 导入批次 tab leads back to the list.
        onTabClick={(key) => void navigate(`/registry/${key}`)}
        items={[
          { key: "import", label: t("registry.tab.import") },
          { key: "batches", label: t("registry.tab.batches") },
        ]}
      />
      <Routes>
        <Route index element={<Navigate to="import" replace />} />
        <Route path="import" element={<ImportWizard />} />
        <Route path="batches" element={<BatchList />} />
        <Route path="batches/:id" element={<BatchDetailPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Flex>
  );
}
