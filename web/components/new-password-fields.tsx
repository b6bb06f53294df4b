import { Form, Input } from "antd";
import { useT } from "../i18n/i18n-provider.tsx";
import { PasswordHint } from "./password-hint.tsx";
import { meetsPasswordRule } from "./password-rules.ts";

interface NewPasswordFieldsProps {
  /** The form field of the new password; its confirmation is `confirmPassword`. */
  readonly name: string;
  readonly label: string;
  /** The account's user name: the password may not contain it. */
  readonly username: string;
}

/**
 * A new password and its confirmation inside an antd Form, with the server's rule as a live checklist
 * (setup, new user, password reset, own password change).
 */
export function NewPasswordFields({ name, label, username }: NewPasswordFieldsProps) {
  const t = useT();
  const form = Form.useFormInstance();
  const password = (Form.useWatch(name, form) as string | undefined) ?? "";
  return (
    <>
      <Form.Item
        name={name}
        label={label}
        extra={<PasswordHint password={password} username={username} />}
        rules={[
          { required: true, message: t("password.required") },
          {
            validator: (_, value: string | undefined) =>
              value === undefined || value === "" || meetsPasswordRule(value, username) ? Promise.resolve() : Promise.reject(new Error(t("password.weak"))),
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t("password.confirm")}
        dependencies={[name]}
        rules={[
          { required: true, message: t("password.confirmRequired") },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              value === undefined || value === "" || value === getFieldValue(name) ? Promise.resolve() : Promise.reject(new Error(t("password.mismatch"))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
