import { CheckCircleFilled, CloseCircleOutlined } from "@ant-design/icons";
import { Flex, theme } from "antd";
import { useT } from "../i18n/i18n-provider.tsx";
import type { MessageKey } from "../i18n/zh-CN.ts";
import { checkPassword, MIN_PASSWORD_LENGTH, type PasswordCheck } from "./password-rules.ts";

const labels: Readonly<Record<PasswordCheck, MessageKey>> = {
  length: "password.ruleLength",
  classes: "password.ruleClasses",
  username: "password.ruleUsername",
};

/** The password rule as a checklist that fills in while the user types (shown under a new-password field). */
export function PasswordHint({ password, username }: { readonly password: string; readonly username: string }) {
  const t = useT();
  const { token } = theme.useToken();
  return (
    <Flex vertical gap={2} aria-live="polite" style={{ marginBlock: "4px 8px", fontSize: token.fontSizeSM }}>
      {checkPassword(password, username).map(({ check, met }) => (
        <span key={check} style={{ color: met ? token.colorSuccessText : token.colorTextSecondary }}>
          {met ? <CheckCircleFilled aria-label={t("password.met")} /> : <CloseCircleOutlined aria-label={t("password.notMet")} />}{" "}
          {t(labels[check], { min: MIN_PASSWORD_LENGTH })}
        </span>
      ))}
    </Flex>
  );
}
