import { SearchOutlined } from "@ant-design/icons";
import { AutoComplete, Button, Col, DatePicker, Form, Input, Row, Select, Space, type GetProps } from "antd";
import type { AuditQuery } from "../../../src/modules/access/model.ts";
import { useT } from "../../i18n/i18n-provider.tsx";
import { ACTION_LABELS, ACTION_PREFIXES, RESULT_LABELS } from "./audit-labels.ts";

type TimeRange = GetProps<typeof DatePicker.RangePicker>["value"];

interface FilterForm {
  readonly range?: TimeRange;
  readonly actor?: string;
  readonly action?: string;
  readonly result?: AuditQuery["result"];
  readonly targetType?: string;
  readonly targetId?: string;
}

/** Text fields as the API wants them: trimmed, and left out when empty. */
function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}

/** The filled-in filters; empty ones stay undefined, and the API client leaves those out of the query. */
function toQuery(values: FilterForm): AuditQuery {
  const [from, to] = values.range ?? [];
  return {
    from: from?.toISOString(),
    to: to?.toISOString(),
    actor: present(values.actor),
    action: present(values.action),
    result: values.result,
    targetType: present(values.targetType),
    targetId: present(values.targetId),
  };
}

/** The audit search: time range, who, which action (name or prefix), outcome, and what it was about. */
export function AuditFilterForm({ onSearch }: { readonly onSearch: (query: AuditQuery) => void }) {
  const t = useT();
  const [form] = Form.useForm<FilterForm>();
  const actionOptions = [
    ...ACTION_PREFIXES.map((prefix) => ({ value: prefix, label: t("audit.actionPrefix", { prefix: prefix.trim() }) })),
    ...Object.entries(ACTION_LABELS).map(([action, label]) => ({ value: action, label: `${action} · ${t(label)}` })),
  ];

  return (
    <Form<FilterForm> form={form} layout="vertical" onFinish={(values) => onSearch(toQuery(values))}>
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Form.Item name="range" label={t("audit.timeRange")}>
            <DatePicker.RangePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" allowEmpty={[true, true]} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col xs={12} lg={7}>
          <Form.Item name="actor" label={t("audit.actor")} extra={t("audit.actorHelp")}>
            <Input allowClear />
          </Form.Item>
        </Col>
        <Col xs={12} lg={7}>
          <Form.Item name="action" label={t("audit.action")} extra={t("audit.actionHelp")}>
            <AutoComplete
              allowClear
              options={actionOptions}
              showSearch={{ filterOption: (input, option) => String(option?.value ?? "").toLowerCase().includes(input.toLowerCase()) }}
            />
          </Form.Item>
        </Col>
        <Col xs={8} lg={5}>
          <Form.Item name="result" label={t("audit.result")}>
            <Select
              allowClear
              placeholder={t("audit.anyResult")}
              options={(Object.keys(RESULT_LABELS) as (keyof typeof RESULT_LABELS)[]).map((result) => ({ value: result, label: t(RESULT_LABELS[result]) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={8} lg={5}>
          <Form.Item name="targetType" label={t("audit.targetType")}>
            <Input allowClear placeholder="user" />
          </Form.Item>
        </Col>
        <Col xs={8} lg={7}>
          <Form.Item name="targetId" label={t("audit.targetId")}>
            <Input allowClear />
          </Form.Item>
        </Col>
        <Col xs={24} lg={7}>
          <Form.Item label=" " colon={false}>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
                {t("audit.search")}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  onSearch({});
                }}
              >
                {t("audit.reset")}
              </Button>
            </Space>
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
