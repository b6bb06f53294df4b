import { deriveNameFeatures } from "../../kernel/name-features.ts";
import type { FeatureValues } from "./field-features.ts";

/**
 * Features of a Chinese personal name (DOMAIN.md §3): raw-character metrics fail on Chinese, so levels compare
 * normalised characters, toneless pinyin (homophones 伟/玮), pinyin initials, the surname and the multiset of
 * characters (swapped characters). Normalisation and pinyin (with surname readings: 曾 zeng, 单 shan) come
 * from the kernel, the same as for import.
 */
export function computeZhNameFeatures(raw: string): FeatureValues {
  const features = deriveNameFeatures(raw);
  if (features.normalised === "") return {};
  return {
    raw: raw.trim(),
    norm: features.normalised,
    pinyin: features.pinyin.replace(/ /g, "") || null,
    initials: features.initials || null,
    surname: features.surname || null,
    sorted: [...features.normalised].sort().join(""),
  };
}
