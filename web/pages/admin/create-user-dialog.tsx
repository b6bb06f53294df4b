import { Alert, Button, Form, Input, Modal } from "antd";
import { useState } from "react";
import { createUser, type CreatedUser } from "../../api/client.ts";
import { NewPasswordFields } from "../../components/new-password-fields.tsx";
import { TotpEnrolment } from "../../components/totp-enrolment.tsx";
import { useT } from "../../i18n/i18n-provider.tsx";
import { FormError, useFormSubmit } from "../../components/use-form-submit.tsx";

interface NewUserForm {
  readonly username: string;
  readonly displayName?: string;
  readonly password: string;
  readonly confirmPassword: string;
}

/** Same shape as the server's user names (src/modules/access/model.ts `Username`). */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;

/**
 * 新建用户: user name, display name and a first password; then, once, the new account's TOTP secret as a QR
 * code for the user's authenticator app. The account has no role until the security administrator grants one.
 */
export function CreateUserDialog({ open, onClose }: { readonly open: boolean; readonly onClose: (created: boolean) => void }) {
  const t = useT();
  const [form] = Form.useForm<NewUserForm>();
  const username = Form.useWatch("username", form) ?? "";
  const { saving, error, submit, reset } = useFormSubmit(form);
  const [created, setCreated] = useState<CreatedUser | undefined>(undefined);

  const close = () => {
    reset();
    const wasCreated = created !== undefined;
    setCreated(undefined);
    onClose(wasCreated);
  };

  const save = () =>
    submit(async (values) =>
      setCreated(await createUser({ username: values.username.trim(), displayName: values.displayName?.trim() ?? "", password: values.password })),
    );

  if (created !== undefined) {
    return (
      <Modal
        open={open}
        title={t("users.createdTitle", { username: created.username })}
        width={640}
        onCancel={close}
        maskClosable={false}
        footer={
          <Button type="primary" onClick={close}>
            {t("totp.recorded")}
          </Button>
        }
      >
        <TotpEnrolment enrolment={created} account={created.username} />
        <Alert type="info" showIcon title={t("users.createdNoRole")} style={{ marginTop: 16 }} />
      </Modal>
    );
  }

  return (
    <Modal
      open={open}
      title={t("users.create")}
      okText={t("users.createSubmit")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={close}
      maskClosable={false}
      forceRender
    >
      <Form<NewUserForm> form={form} layout="vertical" requiredMark={false} onFinish={() => void save()}>
        <Form.Item
          name="username"
          label={t("users.username")}
          extra={t("users.usernameHelp")}
          normalize={(value: string) => value.toLowerCase()}
          rules={[{ required: true, pattern: USERNAME_PATTERN, message: t("users.usernameInvalid") }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t("users.displayName")}>
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
        <NewPasswordFields name="password" label={t("users.initialPassword")} username={username} />
        <FormError message={error} />
      </Form>
    </Modal>
  );
}
