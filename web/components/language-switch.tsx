import { Segmented } from "antd";
import { useLocale, useT } from "../i18n/i18n-provider.tsx";
import type { Locale } from "../i18n/locale.ts";

// Each language is named in itself, so a user who switched by mistake can still find their own.
const languageOptions: { label: string; value: Locale }[] = [
  { label: "中文", value: "zh-CN" },
  { label: "English", value: "en-US" },
];

/** 中文 | English: in the header, and on the login and setup pages before anyone signs in. */
export function LanguageSwitch() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  return <Segmented<Locale> aria-label={t("header.language")} options={languageOptions} value={locale} onChange={setLocale} />;
}
