import { Flex, Table } from "antd";
import type { SrbDataQuality } from "../../api/client.ts";
import { useLocale, useT } from "../../i18n/i18n-provider.tsx";
import { formatCount } from "./format-srb-value.ts";

type SourceRow = SrbDataQuality["sources"][number];
type AgreementRow = SrbDataQuality["agreement"][number];

/** Births without a recorded sex per source, and how often the counting source and the others disagree on sex. */
export function DataQualityPanel({ quality }: { readonly quality: SrbDataQuality }) {
  const t = useT();
  const { locale } = useLocale();
  const withheld = t("surveillance.withheld");
  const count = (value: SourceRow["births"]) => formatCount(value, locale, withheld);
  return (
    <Flex vertical gap={12}>
      <Table<SourceRow>
        size="small"
        rowKey="sourceType"
        pagination={false}
        dataSource={quality.sources}
        columns={[
          { title: t("surveillance.quality.source"), dataIndex: "sourceType", render: (value: SourceRow["sourceType"]) => t(`surveillance.source.${value}`) },
          { title: t("surveillance.quality.births"), dataIndex: "births", align: "right", render: count },
          { title: t("surveillance.quality.sexMissing"), dataIndex: "sexMissing", align: "right", render: count },
        ]}
      />
      <div>{t("surveillance.quality.agreementTitle")}</div>
      <Table<AgreementRow>
        size="small"
        rowKey="otherSourceType"
        pagination={false}
        dataSource={quality.agreement}
        columns={[
          { title: t("surveillance.quality.other"), dataIndex: "otherSourceType", render: (value: AgreementRow["otherSourceType"]) => t(`surveillance.source.${value}`) },
          { title: t("surveillance.quality.matched"), dataIndex: "matched", align: "right", render: count },
          { title: t("surveillance.quality.compared"), dataIndex: "compared", align: "right", render: count },
          { title: t("surveillance.quality.disagreed"), dataIndex: "disagreed", align: "right", render: count },
        ]}
      />
    </Flex>
  );
}
