import { Button, Modal } from "antd";
import type { TotpEnrolment as Enrolment } from "../../api/client.ts";
import { TotpEnrolment } from "../../components/totp-enrolment.tsx";
import { useT } from "../../i18n/i18n-provider.tsx";

interface EnrolmentDialogProps {
  readonly title: string;
  readonly username: string | undefined;
  /** Open while set. */
  readonly enrolment: Enrolment | undefined;
  readonly onClose: () => void;
}

/** A TOTP secret the server has just issued (after 重置动态验证码), shown once until the dialog is closed. */
export function EnrolmentDialog({ title, username, enrolment, onClose }: EnrolmentDialogProps) {
  const t = useT();
  return (
    <Modal
      open={enrolment !== undefined}
      title={title}
      width={640}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {t("totp.recorded")}
        </Button>
      }
    >
      {enrolment === undefined ? null : <TotpEnrolment enrolment={enrolment} account={username ?? ""} />}
    </Modal>
  );
}
