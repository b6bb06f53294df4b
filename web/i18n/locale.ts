/** The console's languages: Chinese first (the users are township and city staff), English for analysts and reviewers. */
export const locales = ["zh-CN", "en-US"] as const;
export type Locale = (typeof locales)[number];

export const defaultLocale: Locale = "zh-CN";

const storageKey = "renkou.locale";

/** The language chosen on this browser before, or Chinese. */
export function readSavedLocale(): Locale {
  const saved = readStorage();
  return locales.find((locale) => locale === saved) ?? defaultLocale;
}

export function saveLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(storageKey, locale);
  } catch {
    // Storage can be disabled by policy on office PCs; the choice then lasts for this page only.
  }
}

function readStorage(): string | null {
  try {
    return window.localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}
