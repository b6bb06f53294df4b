import { ReloadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Col, Flex, Row, Statistic, theme } from "antd";
import { Link } from "react-router";
import { getOverview, type Overview } from "../../api/client.ts";
import { useRequest } from "../../api/use-request.ts";
import { useAvailableModule } from "../../app/console-modules.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { useLocale, useT } from "../../i18n/i18n-provider.tsx";
import { DivisionLevelChart } from "./division-level-chart.tsx";

/** 总览: what the platform holds right now — divisions, import batches, accepted and quarantined records. */
export function OverviewPage() {
  const t = useT();
  const { locale } = useLocale();
  const { token } = theme.useToken();
  const overview = useRequest(getOverview);
  const data = overview.status === "done" ? overview.data : undefined;

  return (
    <Flex vertical gap={16}>
      <Flex align="center" justify="space-between" gap={16} wrap>
        <Flex align="baseline" gap={12} wrap>
          <h1 className="page-title">{t("overview.title")}</h1>
          {data === undefined ? null : (
            <span style={{ color: token.colorTextSecondary }}>
              {t("overview.generatedAt", { time: new Date(data.generatedAt).toLocaleString(locale) })}
            </span>
          )}
        </Flex>
        <Button icon={<ReloadOutlined />} onClick={overview.retry} loading={overview.status === "loading"}>
          {t("common.refresh")}
        </Button>
      </Flex>
      {overview.status === "failed" ? (
        <ErrorState error={overview.error} onRetry={overview.retry} />
      ) : (
        <OverviewFigures overview={data} />
      )}
    </Flex>
  );
}

/**
 * The figures, or their skeletons while `overview` is still loading (so nothing jumps when it arrives).
 * Batches and records are null while the server has no import module: shown as "—", not as a false zero.
 */
function OverviewFigures({ overview }: { readonly overview: Overview | undefined }) {
  const t = useT();
  if (overview === undefined) {
    return (
      <>
        <Row gutter={[16, 16]}>
          {figureIds.map((id) => (
            <FigureCard key={id} id={id} loading title="" value={null} note="" />
          ))}
        </Row>
        <Card loading />
      </>
    );
  }
  const { divisions, batches, records } = overview;
  const divisionTotal = divisions.province + divisions.city + divisions.county + divisions.township + divisions.village;
  const notEnabled = t("overview.importNotEnabled");

  return (
    <>
      {batches === null || batches.total === 0 ? <NoImportHint importEnabled={batches !== null} /> : null}
      <Row gutter={[16, 16]}>
        <FigureCard id="divisions" title={t("overview.divisions")} value={divisionTotal} note={t("overview.divisionsNote")} />
        <FigureCard
          id="batches"
          title={t("overview.batches")}
          value={batches?.total ?? null}
          note={batches ? t("overview.batchesNote", { committed: batches.committed, failed: batches.failed }) : notEnabled}
        />
        <FigureCard
          id="accepted"
          title={t("overview.accepted")}
          value={records?.accepted ?? null}
          note={records ? t("overview.acceptedNote") : notEnabled}
        />
        <FigureCard
          id="quarantined"
          title={t("overview.quarantined")}
          value={records?.quarantined ?? null}
          note={records ? t("overview.quarantinedNote") : notEnabled}
          warn={(records?.quarantined ?? 0) > 0}
        />
      </Row>
      <Card size="small" title={<h2 className="card-title">{t("overview.chartTitle")}</h2>}>
        <DivisionLevelChart counts={divisions} />
      </Card>
    </>
  );
}

const figureIds = ["divisions", "batches", "accepted", "quarantined"] as const;

interface FigureCardProps {
  readonly id: (typeof figureIds)[number];
  readonly title: string;
  /** null: the figure is not available on this server. */
  readonly value: number | null;
  readonly note: string;
  readonly loading?: boolean;
  readonly warn?: boolean;
}

function FigureCard({ id, title, value, note, loading = false, warn = false }: FigureCardProps) {
  const { locale } = useLocale();
  const { token } = theme.useToken();
  return (
    <Col xs={24} sm={12} xl={6}>
      <Card data-testid={`figure-${id}`} loading={loading} size="small" style={{ height: "100%" }}>
        <Statistic
          title={title}
          value={value === null ? "—" : value.toLocaleString(locale)}
          styles={warn ? { content: { color: token.colorWarningText } } : undefined}
        />
        <div style={{ color: token.colorTextSecondary }}>{note}</div>
      </Card>
    </Col>
  );
}

/** Shown until the first batch is imported; links to 数据导入 only when the console can show that module. */
function NoImportHint({ importEnabled }: { readonly importEnabled: boolean }) {
  const t = useT();
  const registry = useAvailableModule("registry");
  return (
    <Alert
      type="info"
      showIcon
      title={
        <>
          <strong style={{ marginInlineEnd: 12 }}>{t("overview.empty")}</strong>
          {t(importEnabled ? "overview.emptyDetail" : "overview.emptyNoImportDetail")}
        </>
      }
      action={registry === undefined ? undefined : <Link to={registry.path}>{t("overview.goImport")}</Link>}
    />
  );
}
