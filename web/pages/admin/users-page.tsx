import { CloseOutlined, DownOutlined, PlusOutlined, ReloadOutlined, SearchOutlined } from "@ant-design/icons";
import { Alert, Button, Dropdown, Flex, Input, message, Modal, Popconfirm, Space, Table, Tag, theme, type TableColumnsType } from "antd";
import { useMemo, useState } from "react";
import {
  changeUserState,
  listUsers,
  resetUserTotp,
  revokeGrant,
  type Grant,
  type TotpEnrolment,
  type User,
  type UserAction,
} from "../../api/client.ts";
import { useRequest } from "../../api/use-request.ts";
import { useHasRole, useSession } from "../../app/session.tsx";
import { DivisionName } from "../../components/division-name.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { problemMessage } from "../../components/problem-message.ts";
import { ROLE_LABELS } from "../../components/role-labels.ts";
import { useLocale, useT } from "../../i18n/i18n-provider.tsx";
import type { MessageKey } from "../../i18n/zh-CN.ts";
import { CreateUserDialog } from "./create-user-dialog.tsx";
import { EnrolmentDialog } from "./enrolment-dialog.tsx";
import { GrantDialog } from "./grant-dialog.tsx";
import { ResetPasswordDialog } from "./reset-password-dialog.tsx";
import { userStatus } from "./user-status.ts";

const stateChangeDone: Readonly<Record<UserAction, MessageKey>> = {
  disable: "users.disabledDone",
  enable: "users.enabledDone",
  unlock: "users.unlockedDone",
};

/**
 * 用户管理: the accounts inside the administrator's jurisdiction with their grants. The system administrator
 * creates, disables, enables and unlocks accounts and resets their second factor and password; the security
 * administrator adds and revokes grants. Neither may act on their own account (the server refuses too).
 */
export function UsersPage() {
  const t = useT();
  const { locale } = useLocale();
  const { token } = theme.useToken();
  const session = useSession();
  const canManage = useHasRole(["system_admin"]);
  const canGrant = useHasRole(["security_admin"]);
  const users = useRequest(listUsers);
  const [filter, setFilter] = useState("");
  const [creating, setCreating] = useState(false);
  const [enrolment, setEnrolment] = useState<{ readonly username: string; readonly enrolment: TotpEnrolment } | undefined>(undefined);
  const [passwordFor, setPasswordFor] = useState<User | undefined>(undefined);
  const [grantFor, setGrantFor] = useState<User | undefined>(undefined);
  const [messageApi, messageHolder] = message.useMessage();
  const [modal, modalHolder] = Modal.useModal();

  const run = async (work: () => Promise<void>, done: MessageKey, params?: Record<string, string>) => {
    try {
      await work();
      void messageApi.success(t(done, params));
    } catch (error) {
      void messageApi.error(problemMessage(error, locale, t("error.unexpected")));
    } finally {
      users.retry();
    }
  };

  const confirmResetTotp = (user: User) =>
    modal.confirm({
      title: t("users.resetTotpConfirm", { username: user.username }),
      content: t("users.resetTotpDetail"),
      okText: t("users.resetTotp"),
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          setEnrolment({ username: user.username, enrolment: await resetUserTotp(user.id) });
          users.retry();
        } catch (error) {
          void messageApi.error(problemMessage(error, locale, t("error.unexpected")));
        }
      },
    });

  const confirmRevoke = (user: User, grant: Grant) =>
    modal.confirm({
      title: t("grants.revokeConfirm", { username: user.username, role: t(ROLE_LABELS[grant.role]) }),
      content: t("grants.revokeDetail"),
      okText: t("grants.revoke"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: () => run(() => revokeGrant(user.id, grant.id), "grants.revokedDone"),
    });

  const rows = useMemo(() => {
    const all = users.status === "done" ? users.data : [];
    const text = filter.trim().toLowerCase();
    return text === "" ? all : all.filter((user) => user.username.includes(text) || user.displayName.toLowerCase().includes(text));
  }, [users, filter]);

  const formatTime = (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: "short", timeStyle: "short" });
  const now = new Date();

  const columns: TableColumnsType<User> = [
    {
      title: t("users.username"),
      key: "username",
      width: 170,
      sorter: (a, b) => a.username.localeCompare(b.username),
      render: (_, user) => (
        <Flex vertical>
          <strong>{user.username}</strong>
          {user.displayName === "" ? null : <span style={{ color: token.colorTextSecondary }}>{user.displayName}</span>}
        </Flex>
      ),
    },
    {
      title: t("users.status"),
      key: "status",
      width: 130,
      render: (_, user) => {
        const status = userStatus(user, now);
        return (
          <Flex gap={4} wrap>
            {status.kind === "active" ? <Tag color="green">{t("users.active")}</Tag> : null}
            {status.kind === "disabled" ? <Tag>{t("users.disabled")}</Tag> : null}
            {status.kind === "locked" ? (
              <Tag color="red">{t("users.lockedUntil", { time: status.until.toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" }) })}</Tag>
            ) : null}
            {user.demo ? <Tag color="orange">{t("header.demoTag")}</Tag> : null}
          </Flex>
        );
      },
    },
    {
      title: t("users.grants"),
      key: "grants",
      render: (_, user) => (
        <Flex gap={4} wrap align="center">
          {user.grants.length === 0 ? <span style={{ color: token.colorTextSecondary }}>{t("users.noGrants")}</span> : null}
          {user.grants.map((grant) => (
            <Tag key={grant.id} color="blue" style={{ marginInlineEnd: 0 }} data-testid={`grant-${grant.role}-${grant.jurisdiction}`}>
              {t(ROLE_LABELS[grant.role])} · <DivisionName code={grant.jurisdiction} showCode={false} />
              {grant.facility === null ? null : ` · ${grant.facility}`}
              {canGrant && user.id !== session.user.id ? (
                <Button
                  type="text"
                  size="small"
                  icon={<CloseOutlined aria-hidden />}
                  aria-label={t("grants.revokeOne", { role: t(ROLE_LABELS[grant.role]), code: grant.jurisdiction })}
                  onClick={() => confirmRevoke(user, grant)}
                  style={{ marginInlineStart: 2, height: 18, width: 18, minWidth: 18 }}
                />
              ) : null}
            </Tag>
          ))}
          {canGrant && user.id !== session.user.id ? (
            <Button size="small" type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => setGrantFor(user)}>
              {t("grants.add")}
            </Button>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t("users.lastLogin"),
      key: "lastLogin",
      width: 140,
      render: (_, user) => (user.lastLoginAt === null ? <span style={{ color: token.colorTextSecondary }}>{t("users.never")}</span> : formatTime(user.lastLoginAt)),
    },
    ...(canManage
      ? [
          {
            title: t("common.actions"),
            key: "actions",
            width: 230,
            render: (_: unknown, user: User) =>
              user.id === session.user.id ? (
                <span style={{ color: token.colorTextSecondary }}>{t("users.ownAccount")}</span>
              ) : (
                <UserActions
                  user={user}
                  locked={userStatus(user, now).kind === "locked"}
                  onStateChange={(action) => void run(() => changeUserState(user.id, action), stateChangeDone[action], { username: user.username })}
                  onResetTotp={() => confirmResetTotp(user)}
                  onResetPassword={() => setPasswordFor(user)}
                />
              ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      {messageHolder}
      {modalHolder}
      <Flex align="center" justify="space-between" gap={16} wrap>
        <h1 className="page-title">{t("users.title")}</h1>
        <Space wrap>
          <Input
            allowClear
            prefix={<SearchOutlined aria-hidden />}
            placeholder={t("users.filter")}
            aria-label={t("users.filter")}
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            style={{ width: 220 }}
          />
          <Button icon={<ReloadOutlined aria-hidden />} onClick={users.retry} loading={users.status === "loading"}>
            {t("common.refresh")}
          </Button>
          {canManage ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              {t("users.create")}
            </Button>
          ) : null}
        </Space>
      </Flex>
      {canGrant && !canManage ? <Alert type="info" showIcon title={t("users.securityAdminHint")} /> : null}
      {users.status === "failed" ? (
        <ErrorState error={users.error} onRetry={users.retry} />
      ) : (
        <Table<User>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={users.status === "loading"}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 900 }}
        />
      )}
      <CreateUserDialog
        open={creating}
        onClose={(created) => {
          setCreating(false);
          if (created) users.retry();
        }}
      />
      <EnrolmentDialog
        username={enrolment?.username}
        enrolment={enrolment?.enrolment}
        title={t("users.resetTotpDoneTitle", { username: enrolment?.username ?? "" })}
        onClose={() => setEnrolment(undefined)}
      />
      <ResetPasswordDialog
        user={passwordFor}
        onClose={(changed) => {
          if (changed && passwordFor !== undefined) void messageApi.success(t("users.passwordResetDone", { username: passwordFor.username }));
          setPasswordFor(undefined);
          users.retry();
        }}
      />
      <GrantDialog
        user={grantFor}
        onClose={(granted) => {
          setGrantFor(undefined);
          if (granted) {
            void messageApi.success(t("grants.addedDone"));
            users.retry();
          }
        }}
      />
    </Flex>
  );
}

interface UserActionsProps {
  readonly user: User;
  readonly locked: boolean;
  readonly onStateChange: (action: UserAction) => void;
  readonly onResetTotp: () => void;
  readonly onResetPassword: () => void;
}

function UserActions({ user, locked, onStateChange, onResetTotp, onResetPassword }: UserActionsProps) {
  const t = useT();
  return (
    <Space size={4} wrap>
      {user.disabled ? (
        <Button size="small" onClick={() => onStateChange("enable")}>
          {t("users.enable")}
        </Button>
      ) : (
        <Popconfirm
          title={t("users.disableConfirm", { username: user.username })}
          description={t("users.disableDetail")}
          okText={t("users.disable")}
          okButtonProps={{ danger: true }}
          cancelText={t("common.cancel")}
          onConfirm={() => onStateChange("disable")}
        >
          <Button size="small" danger>
            {t("users.disable")}
          </Button>
        </Popconfirm>
      )}
      {locked ? (
        <Button size="small" onClick={() => onStateChange("unlock")}>
          {t("users.unlock")}
        </Button>
      ) : null}
      <Dropdown
        trigger={["click"]}
        menu={{
          items: [
            { key: "totp", label: t("users.resetTotp"), onClick: onResetTotp },
            { key: "password", label: t("users.resetPassword"), onClick: onResetPassword },
          ],
        }}
      >
        <Button size="small" aria-label={t("users.moreActions", { username: user.username })}>
          {t("users.reset")} <DownOutlined aria-hidden />
        </Button>
      </Dropdown>
    </Space>
  );
}
