import type { RegistryStandardField } from "../../api/client.ts";
import type { Translate } from "../../i18n/i18n-provider.tsx";
import { zhCN, type MessageKey } from "../../i18n/zh-CN.ts";
import { fieldLabelParts } from "./column-mapping.ts";
import { codeLabelKey } from "./issue-codes.ts";

/** `key` when the catalogue has it (labels built from server values that the console may not know yet). */
export function knownMessageKey(key: string): MessageKey | undefined {
  return key in zhCN ? (key as MessageKey) : undefined;
}

/** 母亲身份证号码 for `mother_id_number`; the field's own name when the console has no label for it. */
export function fieldLabel(t: Translate, field: RegistryStandardField): string {
  const { role, base } = fieldLabelParts(field);
  const baseKey = knownMessageKey(`registry.field.${base}`);
  if (baseKey === undefined) return field;
  return role === undefined ? t(baseKey) : t("registry.field.withRole", { role: t(`registry.role.${role}`), field: t(baseKey) });
}

/** The short label of an issue code, or the code itself for one this console does not know. */
export function codeLabel(t: Translate, code: string): string {
  const key = codeLabelKey(code);
  return key === undefined ? code : t(key);
}
