import { ReloadOutlined } from "@ant-design/icons";
import { Button, Card, Col, Empty, Flex, Row, Segmented, Statistic, theme } from "antd";
import { useCallback, useMemo, useState, type ReactNode } from "react";
import type { OrderSelection, ResidenceSelection } from "../../../src/modules/surveillance/model.ts";
import {
  getSrbBirthOrders,
  getSrbDataQuality,
  getSrbFunnel,
  getSrbSummary,
  getSrbTownships,
  type SrbSummary,
  type SrbView,
} from "../../api/client.ts";
import { useRequest, type RequestState } from "../../api/use-request.ts";
import { useSession } from "../../app/session.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { useLocale, useT } from "../../i18n/i18n-provider.tsx";
import { AlertList } from "./alert-list.tsx";
import { DataQualityPanel } from "./data-quality-panel.tsx";
import { defaultRegionOf } from "./default-region.ts";
import { formatCount, formatInterval, formatPValue, formatRatio } from "./format-srb-value.ts";
import { FunnelChart } from "./funnel-chart.tsx";
import { OrderBarsChart } from "./order-bars-chart.tsx";
import { RegionPicker } from "./region-picker.tsx";
import { TownshipTable } from "./township-table.tsx";
import { TrendChart } from "./trend-chart.tsx";

/**
 * 出生监测: the sex ratio at birth of a region — headline and monthly trend with its interval, the funnel plot
 * of townships, SRB by birth order (urban and rural), the township table with XLSX export, alerts with their
 * review, and the data-quality panel. Every number comes from the server already withheld where a cell has
 * fewer than 10 births.
 */
export function SurveillancePage() {
  const t = useT();
  const session = useSession();
  const root = useMemo(() => defaultRegionOf(session.grants), [session.grants]);
  const [region, setRegion] = useState(root);
  const [order, setOrder] = useState<OrderSelection>("all");
  const [residence, setResidence] = useState<ResidenceSelection>("all");
  const [reload, setReload] = useState(0);
  const view = useMemo<SrbView>(() => ({ region, order, residence }), [region, order, residence]);

  // `reload` in the dependencies: 刷新 makes new loaders, and with them new requests.
  const summary = useRequest(useCallback((signal: AbortSignal) => getSrbSummary(view, signal), [view, reload]));
  const noBirths = summary.status === "done" && summary.data.basis.latestMonth === null;

  return (
    <Flex vertical gap={16}>
      <Flex align="center" justify="space-between" gap={16} wrap>
        <Flex align="baseline" gap={12} wrap>
          <h1 className="page-title">{t("surveillance.title")}</h1>
          <SummaryBasis summary={summary.status === "done" ? summary.data : undefined} />
        </Flex>
        <Button icon={<ReloadOutlined />} onClick={() => setReload((n) => n + 1)} loading={summary.status === "loading"}>
          {t("common.refresh")}
        </Button>
      </Flex>
      <Flex gap={16} wrap align="center" role="group" aria-label={t("surveillance.filters")}>
        <RegionPicker root={root} value={region} onChange={setRegion} />
        <Segmented<OrderSelection>
          aria-label={t("surveillance.order")}
          value={order}
          onChange={setOrder}
          options={(["all", "1", "2", "3+"] as const).map((value) => ({ value, label: t(`surveillance.order.${value}`) }))}
        />
        <Segmented<ResidenceSelection>
          aria-label={t("surveillance.residence")}
          value={residence}
          onChange={setResidence}
          options={(["all", "urban", "rural"] as const).map((value) => ({ value, label: t(`surveillance.residence.${value}`) }))}
        />
      </Flex>
      {summary.status === "failed" ? (
        <ErrorState error={summary.error} onRetry={summary.retry} />
      ) : noBirths ? (
        <Card>
          <Empty description={<EmptyDescription />} data-testid="surveillance-empty" />
        </Card>
      ) : (
        <Dashboard view={view} summary={summary} retrySummary={summary.retry} reload={reload} />
      )}
    </Flex>
  );
}

function EmptyDescription() {
  const t = useT();
  return (
    <>
      <div>{t("surveillance.empty")}</div>
      <div>{t("surveillance.emptyDetail")}</div>
    </>
  );
}

function SummaryBasis({ summary }: { readonly summary: SrbSummary | undefined }) {
  const t = useT();
  const { token } = theme.useToken();
  if (summary === undefined) return null;
  const parts = [t("surveillance.source", { source: t(`surveillance.source.${summary.basis.source}`) })];
  if (summary.window !== null) parts.unshift(t("surveillance.window", summary.window));
  return <span style={{ color: token.colorTextSecondary }}>{parts.join(" · ")}</span>;
}

function Dashboard({
  view,
  summary,
  retrySummary,
  reload,
}: {
  readonly view: SrbView;
  readonly summary: RequestState<SrbSummary>;
  readonly retrySummary: () => void;
  readonly reload: number;
}) {
  const t = useT();
  const { token } = theme.useToken();
  const townships = useRequest(useCallback((signal: AbortSignal) => getSrbTownships(view, signal), [view, reload]));
  const funnel = useRequest(useCallback((signal: AbortSignal) => getSrbFunnel(view, signal), [view, reload]));
  const orders = useRequest(useCallback((signal: AbortSignal) => getSrbBirthOrders(view, signal), [view, reload]));
  const quality = useRequest(useCallback((signal: AbortSignal) => getSrbDataQuality(view, signal), [view, reload]));
  const threshold = summary.status === "done" ? summary.data.basis.suppressionThreshold : 10;

  return (
    <>
      <Headline summary={summary} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Panel title={t("surveillance.trendTitle")} request={summary} retry={retrySummary}>
            {(data) => <TrendChart summary={data} />}
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title={t("surveillance.funnelTitle")} request={funnel} retry={funnel.retry}>
            {(data) => (
              <>
                <FunnelChart funnel={data} />
                {data.suppressedPoints > 0 ? (
                  <div style={{ color: token.colorTextSecondary }}>{t("surveillance.funnelHidden", { count: data.suppressedPoints, threshold })}</div>
                ) : null}
              </>
            )}
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title={t("surveillance.ordersTitle")} request={orders} retry={orders.retry}>
            {(data) => (
              <>
                <OrderBarsChart orders={data} />
                <div style={{ color: token.colorTextSecondary }}>{t("surveillance.residenceNote")}</div>
              </>
            )}
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title={t("surveillance.qualityTitle")} request={quality} retry={quality.retry}>
            {(data) => <DataQualityPanel quality={data} />}
          </Panel>
        </Col>
      </Row>
      <Panel title={t("surveillance.townshipsTitle")} request={townships} retry={townships.retry}>
        {(data) => <TownshipTable table={data} view={view} />}
      </Panel>
      <Card size="small" title={<h2 className="card-title">{t("surveillance.alertsTitle")}</h2>}>
        <AlertList key={`${view.region}-${reload}`} region={view.region} />
      </Card>
      <div style={{ color: token.colorTextSecondary }}>{t("surveillance.withheldNote", { threshold })}</div>
    </>
  );
}

function Panel<T>({
  title,
  request,
  retry,
  children,
}: {
  readonly title: string;
  readonly request: RequestState<T>;
  readonly retry: () => void;
  readonly children: (data: T) => ReactNode;
}) {
  return (
    <Card size="small" title={<h2 className="card-title">{title}</h2>} loading={request.status === "loading"} style={{ height: "100%" }}>
      {request.status === "failed" ? <ErrorState error={request.error} onRetry={retry} /> : request.status === "done" ? children(request.data) : null}
    </Card>
  );
}

function Headline({ summary }: { readonly summary: RequestState<SrbSummary> }) {
  const t = useT();
  const { locale } = useLocale();
  const withheld = t("surveillance.withheld");
  const headline = summary.status === "done" ? summary.data.headline : undefined;
  const loading = headline === undefined;
  const figures: Array<{ id: string; title: string; value: string }> = [
    { id: "srb", title: `${t("surveillance.headline")} · ${t("surveillance.srb")}`, value: headline ? formatRatio(headline.srb, withheld) : "" },
    { id: "ci", title: t("surveillance.ci"), value: headline ? formatInterval(headline.ciLow, headline.ciHigh, withheld) : "" },
    { id: "births", title: t("surveillance.births"), value: headline ? formatCount(headline.births, locale, withheld) : "" },
    { id: "p", title: t("surveillance.pValue"), value: headline ? formatPValue(headline.pValue, withheld) : "" },
    { id: "unknown", title: t("surveillance.sexUnknown"), value: headline ? formatCount(headline.sexUnknown, locale, withheld) : "" },
  ];
  return (
    <Row gutter={[16, 16]}>
      {figures.map((figure) => (
        <Col key={figure.id} xs={12} md={8} xl={4}>
          <Card size="small" loading={loading} data-testid={`srb-${figure.id}`}>
            <Statistic title={figure.title} value={figure.value} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
