import { Form, Input, Modal } from "antd";
import { changeOwnPassword } from "../../api/client.ts";
import { useSession } from "../../app/session.tsx";
import { NewPasswordFields } from "../../components/new-password-fields.tsx";
import { useT } from "../../i18n/i18n-provider.tsx";
import { FormError, useFormSubmit } from "../../components/use-form-submit.tsx";

interface PasswordForm {
  readonly currentPassword: string;
  readonly newPassword: string;
  readonly confirmPassword: string;
}

/** 修改密码: the signed-in user's own password (the server ends their other sessions). */
export function ChangePasswordDialog({ open, onClose }: { readonly open: boolean; readonly onClose: (changed: boolean) => void }) {
  const t = useT();
  const { user } = useSession();
  const [form] = Form.useForm<PasswordForm>();
  const { saving, error, submit, reset } = useFormSubmit(form);

  const close = (changed: boolean) => {
    reset();
    onClose(changed);
  };

  const save = async () => {
    const changed = await submit((values) => changeOwnPassword({ currentPassword: values.currentPassword, newPassword: values.newPassword }));
    if (changed) close(true);
  };

  return (
    <Modal
      open={open}
      title={t("password.changeTitle")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={() => close(false)}
      forceRender
    >
      <Form<PasswordForm> form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="currentPassword" label={t("password.current")} rules={[{ required: true, message: t("password.required") }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <NewPasswordFields name="newPassword" label={t("password.new")} username={user.username} />
        <FormError message={error} />
      </Form>
    </Modal>
  );
}
