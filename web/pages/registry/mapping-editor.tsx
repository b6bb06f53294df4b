import { Select, Table, Tag, Typography, type TableColumnsType } from "antd";
import type { RegistryFilePreview, RegistryStandardField } from "../../api/client.ts";
import { useT, type Translate } from "../../i18n/i18n-provider.tsx";
import { fieldLabelParts, PERSON_ROLE_PREFIXES } from "./column-mapping.ts";
import { fieldLabel } from "./registry-labels.ts";

type Column = RegistryFilePreview["proposal"]["columns"][number];

const HOW_COLOURS: Readonly<Record<Column["how"], string>> = { dictionary: "blue", override: "purple", unmapped: "default", ignored: "default" };
/** The Select's value for "do not import this column" (a field name never starts with a hyphen). */
const IGNORE = "-";

export interface MappingEditorProps {
  readonly preview: RegistryFilePreview;
  /** Every standard field, in the server's order, and the ones this source type requires. */
  readonly fields: readonly RegistryStandardField[];
  readonly required: readonly RegistryStandardField[];
  readonly onChoose: (header: string, field: RegistryStandardField | null) => void;
  readonly disabled: boolean;
}

/** One row per file column: its header, a select of standard fields (or 不导入), where the choice came from, sample values. */
export function MappingEditor({ preview, fields, required, onChoose, disabled }: MappingEditorProps) {
  const t = useT();
  const options = fieldOptions(t, fields, required);
  const columns: TableColumnsType<Column> = [
    { title: "#", dataIndex: "index", width: 48, render: (index: number) => index + 1 },
    { title: t("registry.mapping.header"), dataIndex: "header", width: 200, render: (header: string) => <strong>{header}</strong> },
    {
      title: t("registry.mapping.field"),
      key: "field",
      width: 280,
      render: (_, column) => (
        <Select<string>
          aria-label={t("registry.mapping.fieldFor", { header: column.header })}
          data-testid={`mapping-${column.header}`}
          value={column.field ?? IGNORE}
          onChange={(value) => onChoose(column.header, value === IGNORE ? null : (value as RegistryStandardField))}
          options={options}
          showSearch={{ optionFilterProp: "label" }}
          disabled={disabled}
          style={{ width: "100%" }}
          popupMatchSelectWidth={false}
        />
      ),
    },
    {
      title: t("registry.mapping.how"),
      dataIndex: "how",
      width: 150,
      render: (how: Column["how"]) => <Tag color={HOW_COLOURS[how]}>{t(`registry.how.${how}`)}</Tag>,
    },
    {
      title: t("registry.mapping.samples"),
      key: "samples",
      ellipsis: true,
      render: (_, column) => (
        <Typography.Text type="secondary">
          {preview.rows
            .slice(0, 3)
            .map((row) => row[column.header] ?? "")
            .filter((cell) => cell !== "")
            .join(" / ")}
        </Typography.Text>
      ),
    },
  ];
  return (
    <Table<Column>
      size="small"
      rowKey="index"
      columns={columns}
      dataSource={preview.proposal.columns}
      pagination={false}
      scroll={{ x: 800 }}
      data-testid="registry-mapping"
    />
  );
}

interface OptionGroup {
  readonly label: string;
  readonly options: Array<{ readonly value: string; readonly label: string }>;
}

/** 不导入, then the fields grouped: record, the subject (本人), and each other person the record may name. */
function fieldOptions(t: Translate, fields: readonly RegistryStandardField[], required: readonly RegistryStandardField[]): OptionGroup[] {
  const option = (field: RegistryStandardField) => ({
    value: field,
    label: `${fieldLabel(t, field)}${required.includes(field) ? t("registry.mapping.requiredMark") : ""} · ${field}`,
  });
  const personal = new Set(["name", "sex", "birth_date", "id_number", "phone"]);
  const record = fields.filter((field) => fieldLabelParts(field).role === undefined && !personal.has(field));
  const subject = fields.filter((field) => fieldLabelParts(field).role === undefined && personal.has(field));
  return [
    { label: t("registry.mapping.ignoreGroup"), options: [{ value: IGNORE, label: t("registry.mapping.ignore") }] },
    { label: t("registry.mapping.recordGroup"), options: record.map(option) },
    { label: t("registry.role.subject"), options: subject.map(option) },
    ...PERSON_ROLE_PREFIXES.map((role) => ({
      label: t(`registry.role.${role}`),
      options: fields.filter((field) => fieldLabelParts(field).role === role).map(option),
    })),
  ];
}
