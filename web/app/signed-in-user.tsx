import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { Button, Dropdown, Flex, message, Tag, Tooltip, theme } from "antd";
import { lazy, Suspense, useState } from "react";
import { ROLES } from "../../src/modules/access/roles.ts";
import { DivisionName } from "../components/division-name.tsx";
import { problemMessage } from "../components/problem-message.ts";
import { ROLE_LABELS } from "../components/role-labels.ts";
import { useLocale, useT } from "../i18n/i18n-provider.tsx";
import { useSession, useSessionControl } from "./session.tsx";

const ChangePasswordDialog = lazy(() =>
  import("../pages/auth/change-password-dialog.tsx").then((m) => ({ default: m.ChangePasswordDialog })),
);

/** Jurisdictions named in the header before the rest are folded into "+N". */
const SHOWN_JURISDICTIONS = 2;

/**
 * The header's account area: who is signed in, with which roles where (jurisdictions by name), a menu to
 * change one's password, and the sign-out button.
 */
export function SignedInUser() {
  const t = useT();
  const { locale } = useLocale();
  const { token } = theme.useToken();
  const session = useSession();
  const { signOut } = useSessionControl();
  const [messageApi, messageHolder] = message.useMessage();
  const [changingPassword, setChangingPassword] = useState(false);
  const [signingOut, setSigningOut] = useState(false);

  const roles = ROLES.filter((role) => session.grants.some((grant) => grant.role === role));
  const jurisdictions = [...new Set(session.grants.map((grant) => grant.jurisdiction))];
  const { user } = session;

  const leave = async () => {
    setSigningOut(true);
    try {
      await signOut(); // RequireSession then shows the login page
    } catch (error) {
      setSigningOut(false);
      void messageApi.error(problemMessage(error, locale, t("error.unexpected")));
    }
  };

  return (
    <Flex align="center" gap={8} style={{ minWidth: 0 }} data-testid="signed-in-user">
      {messageHolder}
      <Dropdown
        trigger={["click"]}
        menu={{ items: [{ key: "password", icon: <KeyOutlined aria-hidden />, label: t("session.changePassword"), onClick: () => setChangingPassword(true) }] }}
      >
        <Button type="text" icon={<UserOutlined aria-hidden />} aria-label={t("session.accountMenu", { username: user.username })}>
          <span>{user.displayName === "" ? user.username : `${user.displayName}（${user.username}）`}</span>
          <DownOutlined aria-hidden style={{ fontSize: 10 }} />
        </Button>
      </Dropdown>
      {roles.length === 0 ? (
        <Tag>{t("session.noRole")}</Tag>
      ) : (
        roles.map((role) => (
          <Tag key={role} color="blue" style={{ marginInlineEnd: 0 }}>
            {t(ROLE_LABELS[role])}
          </Tag>
        ))
      )}
      {jurisdictions.length === 0 ? null : (
        <span style={{ color: token.colorTextSecondary, whiteSpace: "nowrap" }} aria-label={t("session.jurisdiction")}>
          {jurisdictions.slice(0, SHOWN_JURISDICTIONS).map((code, index) => (
            <span key={code}>
              {index > 0 ? "、" : null}
              <DivisionName code={code} showCode={false} />
            </span>
          ))}
          {jurisdictions.length > SHOWN_JURISDICTIONS ? (
            <Tooltip title={jurisdictions.slice(SHOWN_JURISDICTIONS).join("、")}>
              <span> +{jurisdictions.length - SHOWN_JURISDICTIONS}</span>
            </Tooltip>
          ) : null}
        </span>
      )}
      <Button icon={<LogoutOutlined aria-hidden />} onClick={() => void leave()} loading={signingOut}>
        {t("session.signOut")}
      </Button>
      {changingPassword ? (
        <Suspense fallback={null}>
          <ChangePasswordDialog
            open
            onClose={(changed) => {
              setChangingPassword(false);
              if (changed) void messageApi.success(t("session.passwordChanged"));
            }}
          />
        </Suspense>
      ) : null}
    </Flex>
  );
}
