import { Form, Input, Modal, Select } from "antd";
import { useMemo } from "react";
import { checkGrant, ROLES, type Role } from "../../../src/modules/access/roles.ts";
import { addGrant, type User } from "../../api/client.ts";
import { useSession } from "../../app/session.tsx";
import { ROLE_LABELS } from "../../components/role-labels.ts";
import { useT } from "../../i18n/i18n-provider.tsx";
import { DivisionPicker } from "./division-picker.tsx";
import { FormError, useFormSubmit } from "../../components/use-form-submit.tsx";

interface GrantForm {
  readonly role: Role;
  readonly jurisdiction: string;
  readonly facility?: string;
}

/**
 * 添加授权 (security administrator): a role in a jurisdiction inside the administrator's own, and for a
 * hospital reporter the facility. Roles that the separation of duties rules out for this user are offered
 * disabled; the server checks the same rules (roles.ts `checkGrant`).
 */
export function GrantDialog({ user, onClose }: { readonly user: User | undefined; readonly onClose: (granted: boolean) => void }) {
  const t = useT();
  const session = useSession();
  const [form] = Form.useForm<GrantForm>();
  const role = Form.useWatch("role", form);
  const { saving, error, submit, reset } = useFormSubmit(form);

  const roots = useMemo(
    () => [...new Set(session.grants.filter((grant) => grant.role === "security_admin").map((grant) => grant.jurisdiction))],
    [session.grants],
  );
  // The server's own rule, asked only about the separation of duties (jurisdiction and facility come later).
  const ruledOut = (candidate: Role) => {
    const verdict = checkGrant(user?.grants ?? [], { role: candidate, jurisdiction: "", facility: candidate === "hospital_reporter" ? "?" : null });
    return !verdict.ok && verdict.reason === "grant_admin_exclusive";
  };

  const close = (granted: boolean) => {
    reset();
    onClose(granted);
  };

  const save = async () => {
    if (user === undefined) return;
    const granted = await submit((values) =>
      addGrant(user.id, {
        role: values.role,
        jurisdiction: values.jurisdiction,
        ...(values.role === "hospital_reporter" && values.facility ? { facility: values.facility.trim() } : {}),
      }),
    );
    if (granted) close(true);
  };

  return (
    <Modal
      open={user !== undefined}
      title={t("grants.addTitle", { username: user?.username ?? "" })}
      okText={t("grants.add")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={() => close(false)}
      maskClosable={false}
      forceRender
    >
      <Form<GrantForm> form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="role" label={t("grants.role")} rules={[{ required: true, message: t("grants.roleRequired") }]} extra={t("grants.separationHint")}>
          <Select<Role>
            options={ROLES.map((candidate) => ({ value: candidate, label: t(ROLE_LABELS[candidate]), disabled: ruledOut(candidate) }))}
          />
        </Form.Item>
        <Form.Item name="jurisdiction" label={t("grants.jurisdiction")} rules={[{ required: true, message: t("grants.jurisdictionRequired") }]} extra={t("grants.jurisdictionHelp")}>
          <DivisionPicker roots={roots} />
        </Form.Item>
        {role === "hospital_reporter" ? (
          <Form.Item name="facility" label={t("grants.facility")} rules={[{ required: true, whitespace: true, message: t("grants.facilityRequired") }]}>
            <Input maxLength={64} />
          </Form.Item>
        ) : null}
        <FormError message={error} />
      </Form>
    </Modal>
  );
}
