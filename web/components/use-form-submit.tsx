import { Alert, type FormInstance } from "antd";
import { useState } from "react";
import { useLocale, useT } from "../i18n/i18n-provider.tsx";
import { problemMessage } from "./problem-message.ts";

export interface FormSubmit<Values> {
  readonly saving: boolean;
  /** The server's problem (or a generic one) in the user's language, after a failed submit. */
  readonly error: string | undefined;
  /** Validates the form, then sends its values; true when both went through. */
  submit(send: (values: Values) => Promise<unknown>): Promise<boolean>;
  /** Empties the form and forgets the last error, as closing a dialog should. */
  reset(): void;
}

/** The submit step every console form dialog shares: validate, send, report a refusal in the user's language. */
export function useFormSubmit<Values>(form: FormInstance<Values>): FormSubmit<Values> {
  const t = useT();
  const { locale } = useLocale();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  return {
    saving,
    error,
    async submit(send) {
      const values = await form.validateFields().catch(() => undefined);
      if (values === undefined) return false;
      setSaving(true);
      setError(undefined);
      try {
        await send(values);
        return true;
      } catch (failure) {
        setError(problemMessage(failure, locale, t("error.unexpected")));
        return false;
      } finally {
        setSaving(false);
      }
    },
    reset() {
      form.resetFields();
      setError(undefined);
    },
  };
}

/** A form's refusal, announced to screen readers. */
export function FormError({ message }: { readonly message: string | undefined }) {
  return message === undefined ? null : <Alert type="error" showIcon title={message} role="alert" />;
}
