import { parseDivisionCode, townshipKind } from "../../kernel/divisions.ts";
import type { Residence } from "./model.ts";

/**
 * Urban or rural residence of a birth, approximated by the kind of its township (DOMAIN.md §2): a
 * subdistrict (街道, segment 001–099) counts as urban, a town (镇, 100–199) or township (乡, 200–399) as
 * rural. Development zones and other units (400 and above), and births without a township, are unknown.
 * This is an approximation: the statistical urban–rural classification (城乡划分代码) is set per village
 * committee, towns contain urban neighbourhoods (a county seat is usually a 镇) and subdistricts can contain
 * villages, so "rural" here over-counts rural births somewhat. It is the best the township code alone gives.
 */
export function residenceOf(townshipCode: string): Residence {
  const parsed = parseDivisionCode(townshipCode);
  if (!parsed.ok || (parsed.value.level !== "township" && parsed.value.level !== "village")) return "unknown";
  const kind = townshipKind(parsed.value.code);
  if (kind === "subdistrict") return "urban";
  if (kind === "town" || kind === "township") return "rural";
  return "unknown";
}
