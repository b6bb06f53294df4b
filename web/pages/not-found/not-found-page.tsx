import { Button, Result } from "antd";
import { useLocation, useNavigate } from "react-router";
import { useT } from "../../i18n/i18n-provider.tsx";

/** Any address that no available module owns, including those of modules not enabled on this server. */
export function NotFoundPage() {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  return (
    <Result
      status="404"
      title={<h1 className="page-title">{t("notFound.title")}</h1>}
      subTitle={t("notFound.detail", { path: pathname })}
      extra={
        <Button type="primary" onClick={() => void navigate("/")}>
          {t("notFound.back")}
        </Button>
      }
    />
  );
}
