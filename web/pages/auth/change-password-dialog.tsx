import { Alert, Form, Input, Modal } from "antd";
import { useState } from "react";
import { changeOwnPassword } from "../../api/client.ts";
import { useSession } from "../../app/session.tsx";
import { NewPasswordFields } from "../../components/new-password-fields.tsx";
import { problemMessage } from "../../components/problem-message.ts";
import { useLocale, useT } from "../../i18n/i18n-provider.tsx";

interface PasswordForm {
  readonly currentPassword: string;
  readonly newPassword: string;
  readonly confirmPassword: string;
}

/** 修改密码: the signed-in user's own password (the server ends their other sessions). */
export function ChangePasswordDialog({ open, onClose }: { readonly open: boolean; readonly onClose: (changed: boolean) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { user } = useSession();
  const [form] = Form.useForm<PasswordForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const save = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (values === undefined) return;
    setSaving(true);
    setError(undefined);
    try {
      await changeOwnPassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      form.resetFields();
      onClose(true);
    } catch (failure) {
      setError(problemMessage(failure, locale, t("error.unexpected")));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t("password.changeTitle")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={() => {
        form.resetFields();
        setError(undefined);
        onClose(false);
      }}
      forceRender
    >
      <Form<PasswordForm> form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="currentPassword" label={t("password.current")} rules={[{ required: true, message: t("password.required") }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <NewPasswordFields name="newPassword" label={t("password.new")} username={user.username} />
        {error === undefined ? null : <Alert type="error" showIcon title={error} role="alert" />}
      </Form>
    </Modal>
  );
}
