import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { enUS } from "./en-US.ts";
import { readSavedLocale, saveLocale, type Locale } from "./locale.ts";
import { zhCN, type MessageKey, type Messages } from "./zh-CN.ts";

export type MessageParams = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

interface I18n {
  readonly locale: Locale;
  readonly setLocale: (locale: Locale) => void;
  readonly t: Translate;
}

const catalogues: Readonly<Record<Locale, Messages>> = { "zh-CN": zhCN, "en-US": enUS };

const I18nContext = createContext<I18n | undefined>(undefined);

/** Holds the chosen language, remembers it in this browser, and keeps `<html lang>` and the tab title in step. */
export function I18nProvider({ children }: { readonly children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(readSavedLocale);

  const i18n = useMemo<I18n>(
    () => ({
      locale,
      setLocale: (next) => {
        saveLocale(next);
        setLocaleState(next);
      },
      t: (key, params) => fillMessage(catalogues[locale][key], locale, params),
    }),
    [locale],
  );

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = `${i18n.t("app.name")} · renkou`;
  }, [locale, i18n]);

  return <I18nContext value={i18n}>{children}</I18nContext>;
}

/** The translate function for the current language; numbers in params are grouped the local way (44,000). */
export function useT(): Translate {
  return useI18n().t;
}

export function useLocale(): Pick<I18n, "locale" | "setLocale"> {
  const { locale, setLocale } = useI18n();
  return { locale, setLocale };
}

function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (i18n === undefined) throw new Error("useT/useLocale used outside <I18nProvider>");
  return i18n;
}

function fillMessage(template: string, locale: Locale, params: MessageParams | undefined): string {
  if (params === undefined) return template;
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    if (value === undefined) return placeholder;
    return typeof value === "number" ? value.toLocaleString(locale) : value;
  });
}
