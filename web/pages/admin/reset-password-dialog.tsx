import { Form, Modal } from "antd";
import { resetUserPassword, type User } from "../../api/client.ts";
import { NewPasswordFields } from "../../components/new-password-fields.tsx";
import { useT } from "../../i18n/i18n-provider.tsx";
import { FormError, useFormSubmit } from "../../components/use-form-submit.tsx";

interface ResetForm {
  readonly password: string;
  readonly confirmPassword: string;
}

/** 重置密码: a new password for another account; its sessions and any lockout end. Open while `user` is set. */
export function ResetPasswordDialog({ user, onClose }: { readonly user: User | undefined; readonly onClose: (changed: boolean) => void }) {
  const t = useT();
  const [form] = Form.useForm<ResetForm>();
  const username = user?.username ?? "";
  const { saving, error, submit, reset } = useFormSubmit(form);

  const close = (changed: boolean) => {
    reset();
    onClose(changed);
  };

  const save = async () => {
    if (user === undefined) return;
    if (await submit((values) => resetUserPassword(user.id, values.password))) close(true);
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
        <FormError message={error} />
      </Form>
    </Modal>
  );
}
