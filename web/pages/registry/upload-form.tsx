import { InboxOutlined } from "@ant-design/icons";
import { Card, Flex, Form, Input, Select, Upload } from "antd";
import type { RegistrySourceType, RegistryTextEncoding } from "../../api/client.ts";
import { useT } from "../../i18n/i18n-provider.tsx";
import { useSubmittableSources } from "./submittable-sources.ts";
import { formatBytes } from "./upload-progress.ts";

export type EncodingChoice = "auto" | Extract<RegistryTextEncoding, "utf-8" | "gb18030">;

/** What the user chose before the preview: how to read which file. */
export interface UploadChoice {
  readonly sourceType: RegistrySourceType;
  readonly file: File | undefined;
  readonly encoding: EncodingChoice;
  /** Only for XLSX; empty: the first worksheet. */
  readonly sheet: string;
}

export function isXlsxFile(file: File | undefined): boolean {
  return file !== undefined && /\.xlsx$/i.test(file.name);
}

/** Source type, encoding, sheet (XLSX only) and a drop zone for one file; the file stays in the browser until previewed. */
export function UploadForm({ value, onChange }: { readonly value: UploadChoice; readonly onChange: (patch: Partial<UploadChoice>) => void }) {
  const t = useT();
  const sources = useSubmittableSources();
  const { file } = value;
  return (
    <Card size="small" title={<h2 className="card-title">{t("registry.upload.title")}</h2>}>
      <Form layout="vertical" requiredMark={false}>
        <Flex gap={16} wrap>
          <Form.Item label={t("registry.upload.sourceType")} htmlFor="registry-source-type" style={{ minWidth: 240 }}>
            <Select<RegistrySourceType>
              id="registry-source-type"
              value={value.sourceType}
              onChange={(sourceType) => onChange({ sourceType })}
              options={sources.map((type) => ({ value: type, label: `${t(`registry.source.${type}`)} · ${type}` }))}
            />
          </Form.Item>
          <Form.Item label={t("registry.upload.encoding")} htmlFor="registry-encoding" style={{ minWidth: 200 }} extra={t("registry.upload.encodingHint")}>
            <Select<EncodingChoice>
              id="registry-encoding"
              value={value.encoding}
              onChange={(encoding) => onChange({ encoding })}
              options={(["auto", "utf-8", "gb18030"] as const).map((encoding) => ({ value: encoding, label: t(`registry.encoding.${encoding}`) }))}
            />
          </Form.Item>
          {isXlsxFile(file) ? (
            <Form.Item label={t("registry.upload.sheet")} htmlFor="registry-sheet" style={{ minWidth: 200 }} extra={t("registry.upload.sheetHint")}>
              <Input id="registry-sheet" value={value.sheet} maxLength={100} allowClear onChange={(event) => onChange({ sheet: event.target.value })} />
            </Form.Item>
          ) : null}
        </Flex>
        <Upload.Dragger
          accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          maxCount={1}
          showUploadList={false}
          beforeUpload={(chosen) => {
            onChange({ file: chosen });
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined aria-hidden />
          </p>
          <p className="ant-upload-text">{file === undefined ? t("registry.upload.drop") : t("registry.upload.chosen", { name: file.name, size: formatBytes(file.size) })}</p>
          <p className="ant-upload-hint">{t("registry.upload.dropHint")}</p>
        </Upload.Dragger>
      </Form>
    </Card>
  );
}
