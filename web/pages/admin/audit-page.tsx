import { DownloadOutlined, LeftOutlined, ReloadOutlined, RightOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Flex, message, Select, Space, Table, Tag, theme, type TableColumnsType } from "antd";
import { useCallback, useState } from "react";
import type { AuditQuery } from "../../../src/modules/access/model.ts";
import { exportAuditCsv, searchAuditEvents, verifyAuditTrail, type AuditEvent, type AuditVerification } from "../../api/client.ts";
import { useRequest } from "../../api/use-request.ts";
import { ErrorState } from "../../components/error-state.tsx";
import { problemMessage } from "../../components/problem-message.ts";
import { useLocale, useT } from "../../i18n/i18n-provider.tsx";
import type { MessageKey } from "../../i18n/zh-CN.ts";
import { AuditFilterForm } from "./audit-filter-form.tsx";
import { ACTION_LABELS, RESULT_COLOURS, RESULT_LABELS } from "./audit-labels.ts";
import { saveFile } from "../../components/save-file.ts";

const PAGE_SIZES = [20, 50, 100] as const;

const brokenReasons: Readonly<Record<Extract<AuditVerification, { intact: false }>["firstBroken"]["reason"], MessageKey>> = {
  sequence_gap: "audit.brokenSequenceGap",
  previous_hash_mismatch: "audit.brokenPreviousHash",
  hash_mismatch: "audit.brokenHash",
};

/**
 * 审计日志 (audit administrator): search the hash-chained audit trail, newest first, page by page; export
 * the matches as CSV; verify the chain. Pages follow the server's cursor (`before` = the last sequence
 * number seen), so entries written meanwhile do not shift the pages.
 */
export function AuditPage() {
  const t = useT();
  const { locale } = useLocale();
  const [filters, setFilters] = useState<AuditQuery>({});
  const [pageSize, setPageSize] = useState<number>(PAGE_SIZES[0]);
  // The cursor of every page visited so far; the last one is the page shown (undefined: the newest entries).
  const [cursors, setCursors] = useState<readonly (number | undefined)[]>([undefined]);
  const before = cursors[cursors.length - 1];
  const [messageApi, messageHolder] = message.useMessage();
  const [exporting, setExporting] = useState(false);

  // One entry more than the page shows tells whether an older page exists.
  const load = useCallback(
    (signal: AbortSignal) => searchAuditEvents({ ...filters, ...(before === undefined ? {} : { before }), limit: pageSize + 1 }, signal),
    [filters, before, pageSize],
  );
  const events = useRequest(load);
  const rows = events.status === "done" ? events.data.slice(0, pageSize) : [];
  const hasOlder = events.status === "done" && events.data.length > pageSize;

  const search = (query: AuditQuery) => {
    setFilters(query);
    setCursors([undefined]);
  };

  const download = async () => {
    setExporting(true);
    try {
      const exported = await exportAuditCsv(filters);
      saveFile(exported.csv, exported.filename);
      if (exported.truncated) void messageApi.warning(t("audit.exportTruncated"));
    } catch (error) {
      void messageApi.error(problemMessage(error, locale, t("error.unexpected")));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Flex vertical gap={16}>
      {messageHolder}
      <Flex align="center" justify="space-between" gap={16} wrap>
        <h1 className="page-title">{t("audit.title")}</h1>
        <Space wrap>
          <Button icon={<DownloadOutlined aria-hidden />} onClick={() => void download()} loading={exporting}>
            {t("audit.export")}
          </Button>
        </Space>
      </Flex>
      <ChainVerification />
      <Card size="small">
        <AuditFilterForm onSearch={search} />
      </Card>
      {events.status === "failed" ? (
        <ErrorState error={events.error} onRetry={events.retry} />
      ) : (
        <AuditTable rows={rows} loading={events.status === "loading"} />
      )}
      <Flex align="center" justify="flex-end" gap={12} wrap>
        <span>{t("audit.page", { page: cursors.length })}</span>
        <Button icon={<ReloadOutlined aria-hidden />} onClick={events.retry} aria-label={t("common.refresh")} />
        <Button icon={<LeftOutlined aria-hidden />} disabled={cursors.length === 1} onClick={() => setCursors((stack) => stack.slice(0, -1))}>
          {t("audit.newer")}
        </Button>
        <Button disabled={!hasOlder} onClick={() => setCursors((stack) => [...stack, rows[rows.length - 1]?.seq])}>
          {t("audit.older")} <RightOutlined aria-hidden />
        </Button>
        <Select<number>
          aria-label={t("audit.pageSize")}
          value={pageSize}
          onChange={(size) => {
            setPageSize(size);
            setCursors([undefined]);
          }}
          options={PAGE_SIZES.map((size) => ({ value: size, label: t("audit.perPage", { size }) }))}
          style={{ width: 120 }}
        />
      </Flex>
    </Flex>
  );
}

function AuditTable({ rows, loading }: { readonly rows: readonly AuditEvent[]; readonly loading: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  const { token } = theme.useToken();
  const secondary = { color: token.colorTextSecondary };
  const columns: TableColumnsType<AuditEvent> = [
    { title: t("audit.seq"), dataIndex: "seq", width: 80 },
    {
      title: t("audit.at"),
      dataIndex: "at",
      width: 170,
      render: (at: string) => new Date(at).toLocaleString(locale),
    },
    {
      title: t("audit.actor"),
      key: "actor",
      width: 150,
      render: (_, event) => (
        <Flex vertical>
          <span>{event.actorUsername ?? "—"}</span>
          {event.actorRole === null ? null : <span style={secondary}>{event.actorRole}</span>}
        </Flex>
      ),
    },
    {
      title: t("audit.action"),
      dataIndex: "action",
      render: (action: string) => {
        const label = ACTION_LABELS[action];
        return label === undefined ? (
          <code>{action}</code>
        ) : (
          <Flex vertical>
            <span>{t(label)}</span>
            <code style={secondary}>{action}</code>
          </Flex>
        );
      },
    },
    {
      title: t("audit.target"),
      key: "target",
      width: 200,
      render: (_, event) =>
        event.targetType === null && event.targetId === null ? (
          "—"
        ) : (
          <span style={{ wordBreak: "break-all" }}>
            {event.targetType ?? ""} {event.targetId === null ? null : <code>{event.targetId}</code>}
          </span>
        ),
    },
    { title: t("audit.region"), dataIndex: "regionCode", width: 100, render: (code: string | null) => code ?? "—" },
    {
      title: t("audit.result"),
      dataIndex: "result",
      width: 80,
      render: (result: AuditEvent["result"]) => <Tag color={RESULT_COLOURS[result]}>{t(RESULT_LABELS[result])}</Tag>,
    },
    { title: t("audit.client"), dataIndex: "clientAddress", width: 120, render: (address: string | null) => address ?? "—" },
  ];

  return (
    <Table<AuditEvent>
      rowKey="seq"
      size="small"
      columns={columns}
      dataSource={rows as AuditEvent[]}
      loading={loading}
      pagination={false}
      scroll={{ x: 1000 }}
      expandable={{
        expandedRowRender: (event) => (
          <Descriptions size="small" column={1} bordered>
            {Object.entries(event.detail).map(([key, value]) => (
              <Descriptions.Item key={key} label={key}>
                <span style={{ wordBreak: "break-all" }}>{String(value)}</span>
              </Descriptions.Item>
            ))}
            <Descriptions.Item label={t("audit.hash")}>
              <code style={{ wordBreak: "break-all" }}>{event.hash}</code>
            </Descriptions.Item>
          </Descriptions>
        ),
      }}
    />
  );
}

/** 校验哈希链: walks the whole chain on the server and says whether it is intact, or where it first breaks. */
function ChainVerification() {
  const t = useT();
  const { locale } = useLocale();
  const [state, setState] = useState<
    | { readonly status: "idle" }
    | { readonly status: "running" }
    | { readonly status: "done"; readonly result: AuditVerification }
    | { readonly status: "failed"; readonly message: string }
  >({ status: "idle" });

  const verify = async () => {
    setState({ status: "running" });
    try {
      setState({ status: "done", result: await verifyAuditTrail() });
    } catch (error) {
      setState({ status: "failed", message: problemMessage(error, locale, t("error.unexpected")) });
    }
  };

  const button = (
    <Button icon={<SafetyCertificateOutlined aria-hidden />} onClick={() => void verify()} loading={state.status === "running"}>
      {t("audit.verify")}
    </Button>
  );
  if (state.status === "idle" || state.status === "running") {
    return <Alert type="info" showIcon title={t("audit.verifyHint")} action={button} />;
  }
  if (state.status === "failed") return <Alert type="error" showIcon title={state.message} action={button} role="alert" />;
  const { result } = state;
  return result.intact ? (
    <Alert
      type="success"
      showIcon
      role="status"
      title={t("audit.intact", { entries: result.entries })}
      description={
        result.head === null ? t("audit.emptyChain") : t("audit.head", { seq: result.head.seq, hash: result.head.hash })
      }
      action={button}
    />
  ) : (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t("audit.broken", { seq: result.firstBroken.seq })}
      description={t(brokenReasons[result.firstBroken.reason])}
      action={button}
    />
  );
}
