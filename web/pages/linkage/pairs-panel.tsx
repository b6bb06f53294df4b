import { Card, Empty, Flex, Table, Tag, Typography } from "antd";
import { useCallback, useState } from "react";
import { listLinkagePairs, type LinkagePair } from "../../api/client.ts";
import { useRequest } from "../../api/use-request.ts";
import { ErrorState } from "../../components/error-state.tsx";
import { useLocale, useT } from "../../i18n/i18n-provider.tsx";
import { WaterfallChart } from "./waterfall-chart.tsx";
import { serverPagedTable } from "../../components/server-paged-table.ts";

const PAGE_SIZE = 20;
type Side = LinkagePair["left"];

/**
 * A run's pairs within the user's jurisdiction, strongest first, names and ID numbers masked by the server;
 * choosing a pair shows its waterfall: which comparison pushed it towards or away from "same person".
 */
export function PairsPanel({ runId }: { readonly runId: number }) {
  const t = useT();
  const { locale } = useLocale();
  const [page, setPage] = useState(1);
  const [chosen, setChosen] = useState<LinkagePair | undefined>();
  const pairs = useRequest(
    useCallback((signal: AbortSignal) => listLinkagePairs(runId, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal), [runId, page]),
  );
  if (pairs.status === "failed") return <ErrorState error={pairs.error} onRetry={pairs.retry} />;

  const person = (side: Side) => (
    <Flex vertical gap={0}>
      <span>
        {side.name ?? t("linkage.pairs.hidden")} <Tag>{side.sourceType === null ? "—" : t(`linkage.source.${side.sourceType}`)}</Tag>
        <Typography.Text type="secondary">{t(`linkage.role.${side.role}`)}</Typography.Text>
      </span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {[side.idNumber, side.birthDate, side.divisionCode, t("linkage.pairs.row", { batch: side.batchId, row: side.rowNumber })].filter(Boolean).join(" · ")}
      </Typography.Text>
    </Flex>
  );

  return (
    <Flex vertical gap={16}>
      <Table<LinkagePair>
        size="small"
        rowKey="pairNumber"
        {...serverPagedTable(pairs, page, setPage, PAGE_SIZE)}
        locale={{ emptyText: <Empty description={t("linkage.pairs.empty")} /> }}
        rowSelection={{
          type: "radio",
          selectedRowKeys: chosen === undefined ? [] : [chosen.pairNumber],
          onChange: (_, rows) => setChosen(rows[0]),
        }}
        onRow={(pair) => ({ onClick: () => setChosen(pair) })}
        columns={[
          { title: t("linkage.pairs.left"), key: "left", render: (_, pair) => person(pair.left) },
          { title: t("linkage.pairs.right"), key: "right", render: (_, pair) => person(pair.right) },
          {
            title: t("linkage.matchProbability"),
            dataIndex: "matchProbability",
            align: "right",
            // Four decimals of a percent: 0.999999 must not read as a certain 100%.
            render: (p: number) => p.toLocaleString(locale, { style: "percent", minimumFractionDigits: 2, maximumFractionDigits: 4 }),
          },
          { title: t("linkage.matchWeight"), dataIndex: "matchWeight", align: "right", render: (w: number) => w.toFixed(2) },
        ]}
      />
      {chosen === undefined ? (
        <Typography.Text type="secondary">{t("linkage.waterfall.choose")}</Typography.Text>
      ) : (
        <Card size="small" title={t("linkage.waterfall.title", { number: chosen.pairNumber })} data-testid="linkage-waterfall">
          <WaterfallChart pair={chosen} />
          <Table
            size="small"
            pagination={false}
            rowKey="field"
            dataSource={chosen.contributions}
            columns={[
              { title: t("linkage.param.comparison"), dataIndex: "field" },
              { title: t("linkage.param.level"), dataIndex: "level" },
              { title: t("linkage.param.weight"), dataIndex: "weight", align: "right", render: (w: number) => w.toFixed(2) },
              { title: t("linkage.waterfall.tf"), dataIndex: "tfAdjustment", align: "right", render: (w: number) => (w === 0 ? "—" : w.toFixed(2)) },
            ]}
          />
        </Card>
      )}
    </Flex>
  );
}
