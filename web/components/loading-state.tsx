import { Flex, Spin } from "antd";
import { useT } from "../i18n/i18n-provider.tsx";

/** A centred spinner for a page or the whole console while its code or first data loads. */
export function LoadingState({ fullScreen = false }: { readonly fullScreen?: boolean }) {
  const t = useT();
  return (
    <Flex align="center" justify="center" style={{ minHeight: fullScreen ? "100vh" : 240 }}>
      <Spin size="large" description={t("common.loading")} />
    </Flex>
  );
}
