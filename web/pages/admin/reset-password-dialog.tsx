import { Alert, Form, Modal } from "antd";
import { useState } from "react";
import { resetUserPassword, type User } from "../../api/client.ts";
import { NewPasswordFields } from "../../components/new-password-fields.tsx";
import { problemMessage } from "../../components/problem-message.ts";
import { useLocale, useT } from "../../i18n/i18n-provider.tsx";

interface ResetForm {
  readonly password: string;
  readonly confirmPassword: string;
}

/** 重置密码: a new password for another account; its sessions and any lockout end. Open while `user` is set. */
export function ResetPasswordDialog({ user, onClose }: { readonly user: User | undefined; readonly onClose: (changed: boolean) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<ResetForm>();
  const username = user?.username ?? "";
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const close = (changed: boolean) => {
    form.resetFields();
    setError(undefined);
    onClose(changed);
  };

  const save = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (values === undefined || user === undefined) return;
    setSaving(true);
    setError(undefined);
    try {
      await resetUserPassword(user.id, values.password);
      close(true);
    } catch (failure) {
      setError(problemMessage(failure, locale, t("error.unexpected")));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={user !== undefined}
      title={t("users.resetPasswordTitle", { username })}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={() => close(false)}
      maskClosable={false}
      forceRender
    >
      <p>{t("users.resetPasswordDetail")}</p>
      <Form<ResetForm> form={form} layout="vertical" requiredMark={false}>
        <NewPasswordFields name="password" label={t("password.new")} username={username} />
        {error === undefined ? null : <Alert type="error" showIcon title={error} role="alert" />}
      </Form>
    </Modal>
  );
}
