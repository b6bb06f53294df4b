import { Alert, Flex, Typography, theme } from "antd";
import type { TotpEnrolment as Enrolment } from "../api/client.ts";
import { useT } from "../i18n/i18n-provider.tsx";
import { QrCode } from "./qr-code.tsx";

/** The secret in groups of four, as authenticator apps show and accept it. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

/**
 * A new TOTP secret for an authenticator app: the QR code of its Key URI and the secret as text for typing in.
 * The server shows a secret once only, so the text says so.
 */
export function TotpEnrolment({ enrolment, account }: { readonly enrolment: Enrolment; readonly account: string }) {
  const t = useT();
  const { token } = theme.useToken();
  return (
    <Flex vertical gap={12}>
      <Alert type="warning" showIcon title={t("totp.shownOnce")} />
      <Flex gap={24} align="center" wrap>
        <QrCode value={enrolment.otpauthUri} label={t("totp.qrLabel", { account })} size={212} />
        <Flex vertical gap={8} style={{ minWidth: 220, flex: 1 }}>
          <span>{t("totp.scan")}</span>
          <span style={{ color: token.colorTextSecondary }}>{t("totp.orType")}</span>
          <Typography.Text code copyable={{ text: enrolment.totpSecret }} data-testid="totp-secret" style={{ fontSize: 15 }}>
            {groupSecret(enrolment.totpSecret)}
          </Typography.Text>
          <span style={{ color: token.colorTextSecondary, fontSize: token.fontSizeSM }}>{t("totp.parameters")}</span>
        </Flex>
      </Flex>
    </Flex>
  );
}
