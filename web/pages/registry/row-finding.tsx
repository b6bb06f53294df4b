import { Flex, Tag, Typography } from "antd";
import type { RegistryFilePreview } from "../../api/client.ts";
import { useLocale, useT } from "../../i18n/i18n-provider.tsx";

type Finding = RegistryFilePreview["findings"][number];

/** What the import would make of one previewed row: stored, stored with warnings, or quarantined — and why. */
export function RowFinding({ finding }: { readonly finding: Finding | undefined }) {
  const t = useT();
  const { locale } = useLocale();
  if (finding === undefined) return null;
  if (finding.messages.length === 0) return <Tag color="green">{t("registry.preview.rowOk")}</Tag>;
  return (
    <Flex vertical gap={2} align="start">
      <Tag color={finding.rejected ? "red" : "orange"}>{t(finding.rejected ? "registry.preview.rowQuarantined" : "registry.preview.rowWarned")}</Tag>
      {finding.messages.map((message, index) => (
        <Typography.Text key={index} type={message.severity === "error" ? "danger" : "warning"} style={{ fontSize: 12 }}>
          {locale === "en-US" ? message.en : message.zh}
        </Typography.Text>
      ))}
    </Flex>
  );
}
