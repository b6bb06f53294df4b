import type { FieldType } from "./model.ts";

/**
 * The comparison library: for each field type, ordered levels from most to least similar, each a SQL
 * condition over the two records' feature columns (`{l.feature}`, `{r.feature}`). A pair takes the first
 * level whose condition holds; if either record lacks the comparison's `nullFeature` it takes the null level
 * (weight 0). Conditions are data so that they can be printed in a report, tested one by one, and run where
 * the records are (DESIGN.md §6). The last level of every comparison is `else` (condition `true`).
 *
 * `tf` marks levels that get a term-frequency adjustment on the `norm` feature's frequency: `exact` in full,
 * `fuzzy` weighted by the model's `tfFuzzyWeight` (Winkler 1989, "Frequency-based matching in Fellegi–Sunter
 * model of record linkage"; the fuzzy-level variant as in Splink).
 */
export interface ComparisonLevelDefinition {
  readonly label: string;
  readonly condition: string;
  readonly tf?: "exact" | "fuzzy";
}

export interface ComparisonDefinition {
  readonly type: FieldType;
  readonly nullFeature: string;
  readonly levels: readonly ComparisonLevelDefinition[];
}

/**
 * Metrics a comparison reads more than once are computed once per pair (`{lev.norm}`, `{sim.norm}`), in a
 * lateral subquery behind an optimisation fence, instead of once per level.
 *   lev.f  levenshtein distance of the two `f` values, exact up to 2 (3 means "more than 2"; fuzzystrmatch
 *          accepts at most 255 characters per argument); 0 for equal values without computing it, as most
 *          blocked pairs agree
 *   sim.f  pg_trgm trigram similarity (Jaccard index of the trigram sets); 1 for equal values without
 *          computing it, as blocked pairs often agree
 */
const METRIC_SQL: Readonly<Record<string, (feature: string) => string>> = {
  lev: (f) => `(case when {l.${f}} = {r.${f}} then 0 else levenshtein_less_equal(left({l.${f}}, 255), left({r.${f}}, 255), 2) end)`,
  sim: (f) => `(case when {l.${f}} = {r.${f}} then 1::real else similarity({l.${f}}, {r.${f}}) end)`,
};

/**
 * Equal length and equal after swapping one pair of adjacent characters (a transposition typo). Only tried
 * when the edit distance is exactly 2, which keeps the per-character scan off almost every pair.
 */
function adjacentTransposition(feature: string): string {
  return (
    `({lev.${feature}} = 2 and char_length({l.${feature}}) = char_length({r.${feature}}) and exists (` +
    `select 1 from generate_series(1, char_length({l.${feature}}) - 1) as t(i) ` +
    `where overlay({l.${feature}} placing substr({l.${feature}}, t.i + 1, 1) || substr({l.${feature}}, t.i, 1) ` +
    `from t.i for 2) = {r.${feature}}))`
  );
}

const lev = (feature: string): string => `{lev.${feature}}`;

/** Both values begin with the same `n` characters, and are that long (a division code, an address). */
const samePrefix = (n: number): string => `char_length({l.norm}) >= ${n} and left({l.norm}, ${n}) = left({r.norm}, ${n})`;

const ELSE: ComparisonLevelDefinition = { label: "else", condition: "true" };

export const COMPARISON_LIBRARY: Readonly<Record<FieldType, ComparisonDefinition>> = {
  zh_name: {
    type: "zh_name",
    nullFeature: "norm",
    levels: [
      { label: "exact", condition: "{l.raw} = {r.raw}", tf: "exact" },
      { label: "normalised", condition: "{l.norm} = {r.norm}", tf: "exact" },
      { label: "same_pinyin", condition: "{l.pinyin} = {r.pinyin}", tf: "fuzzy" },
      {
        label: "one_char_same_initials",
        condition: `char_length({l.norm}) = char_length({r.norm}) and ${lev("norm")} = 1 and {l.initials} = {r.initials}`,
        tf: "fuzzy",
      },
      { label: "one_char", condition: `${lev("norm")} = 1`, tf: "fuzzy" },
      { label: "swapped_chars", condition: "{l.sorted} = {r.sorted}" },
      { label: "similar_pinyin", condition: `${lev("pinyin")} <= 2` },
      { label: "same_surname", condition: "{l.surname} = {r.surname}" },
      ELSE,
    ],
  },
  name: {
    type: "name",
    nullFeature: "norm",
    levels: [
      { label: "exact", condition: "{l.norm} = {r.norm}", tf: "exact" },
      { label: "levenshtein_1", condition: `${lev("norm")} <= 1`, tf: "fuzzy" },
      { label: "levenshtein_2", condition: `${lev("norm")} <= 2`, tf: "fuzzy" },
      { label: "trigram_0.6", condition: "{sim.norm} >= 0.6" },
      { label: "double_metaphone", condition: "{l.metaphone} = {r.metaphone}" },
      { label: "trigram_0.3", condition: "{sim.norm} >= 0.3" },
      ELSE,
    ],
  },
  date: {
    type: "date",
    nullFeature: "norm",
    levels: [
      { label: "exact", condition: "{l.norm} = {r.norm}" },
      {
        label: "day_month_swapped",
        condition:
          "left({l.norm}, 4) = left({r.norm}, 4) and substr({l.norm}, 5, 2) = substr({r.norm}, 7, 2) " +
          "and substr({l.norm}, 7, 2) = substr({r.norm}, 5, 2)",
      },
      { label: "within_1_day", condition: "abs({l.iso} - {r.iso}) <= 1" },
      { label: "one_typo", condition: `${lev("norm")} <= 1 or ${adjacentTransposition("norm")}` },
      { label: "same_year_month", condition: "left({l.norm}, 6) = left({r.norm}, 6)" },
      { label: "within_1_year", condition: "abs({l.iso} - {r.iso}) <= 366" },
      ELSE,
    ],
  },
  resident_id: {
    type: "resident_id",
    nullFeature: "norm",
    levels: [
      { label: "exact", condition: "{l.raw} = {r.raw}" },
      { label: "normalised", condition: "{l.norm} = {r.norm}" },
      {
        label: "one_substitution_or_transposition",
        condition: `(char_length({l.norm}) = char_length({r.norm}) and ${lev("norm")} = 1) or ${adjacentTransposition("norm")}`,
      },
      // Two valid numbers that differ belong to two people: only a corrupted number may fall here.
      { label: "same_birth_date", condition: "{l.birth} = {r.birth} and ({l.valid} is null or {r.valid} is null)" },
      ELSE,
    ],
  },
  identifier: {
    type: "identifier",
    nullFeature: "norm",
    levels: [
      { label: "exact", condition: "{l.norm} = {r.norm}" },
      { label: "one_edit", condition: `${lev("norm")} <= 1 or ${adjacentTransposition("norm")}` },
      ELSE,
    ],
  },
  code: {
    type: "code",
    nullFeature: "norm",
    levels: [
      { label: "exact", condition: "{l.norm} = {r.norm}" },
      { label: "one_edit", condition: `${lev("norm")} <= 1 or ${adjacentTransposition("norm")}` },
      ELSE,
    ],
  },
  sex: {
    type: "sex",
    nullFeature: "norm",
    levels: [{ label: "equal", condition: "{l.norm} = {r.norm}" }, { label: "different", condition: "true" }],
  },
  division_code: {
    type: "division_code",
    nullFeature: "norm",
    levels: [
      { label: "same_village", condition: samePrefix(12) },
      { label: "same_township", condition: samePrefix(9) },
      { label: "same_county", condition: samePrefix(6) },
      { label: "same_city", condition: samePrefix(4) },
      ELSE,
    ],
  },
  phone: {
    type: "phone",
    nullFeature: "norm",
    levels: [
      { label: "exact", condition: "{l.norm} = {r.norm}" },
      { label: "same_last_8", condition: "{l.last8} = {r.last8}" },
      ELSE,
    ],
  },
  text: {
    type: "text",
    nullFeature: "norm",
    levels: [
      { label: "exact", condition: "{l.norm} = {r.norm}" },
      { label: "trigram_0.7", condition: "{sim.norm} >= 0.7" },
      { label: "trigram_0.5", condition: "{sim.norm} >= 0.5" },
      { label: "trigram_0.3", condition: "{sim.norm} >= 0.3" },
      ELSE,
    ],
  },
  // Chinese addresses run from the largest unit to the smallest, so a longer common beginning means a nearer
  // place: the same village (another house number), an address cut short (a clerk wrote only the county or
  // township), the same first 6 characters (about county + township: 滕州市级索镇), the first 3 (county).
  address: {
    type: "address",
    nullFeature: "norm",
    levels: [
      { label: "exact", condition: "{l.norm} = {r.norm}" },
      { label: "same_place", condition: "{l.place} = {r.place}" },
      { label: "truncated", condition: "starts_with({l.norm}, {r.norm}) or starts_with({r.norm}, {l.norm})" },
      { label: "same_first_6", condition: samePrefix(6) },
      { label: "same_first_3", condition: samePrefix(3) },
      ELSE,
    ],
  },
};

/**
 * The feature whose plain equality is the first level's whole condition (`{l.norm} = {r.norm}`), if so: that
 * level's u can then be counted exactly from value frequencies instead of sampled.
 */
export function findFirstLevelEqualityFeature(definition: ComparisonDefinition): string | undefined {
  const match = /^\{l\.([a-z0-9_]+)\} = \{r\.\1\}$/.exec(definition.levels[0]?.condition ?? "");
  return match?.[1];
}

/** Feature column of field `index`: `f3_norm`. Names are generated, never taken from user input. */
export function featureColumn(fieldIndex: number, feature: string): string {
  return `f${fieldIndex}_${feature}`;
}

/** Metric column of field `index`: `x.f3_lev_norm`. */
function metricColumn(fieldIndex: number, metric: string, feature: string): string {
  return `x.${featureColumn(fieldIndex, `${metric}_${feature}`)}`;
}

/** A level condition with its placeholders bound to the aliases `l`, `r` and the metric subquery `x`. */
export function renderCondition(template: string, fieldIndex: number): string {
  return template.replace(/\{([a-z]+)\.([a-z0-9_]+)\}/g, (_, scope: string, feature: string) => {
    if (scope === "l" || scope === "r") return `${scope}.${featureColumn(fieldIndex, feature)}`;
    return metricColumn(fieldIndex, scope, feature);
  });
}

/** `expression as name` for every metric the comparison's levels use, for the lateral subquery `x`. */
export function renderMetricColumns(definition: ComparisonDefinition, fieldIndex: number): string[] {
  const used = new Set<string>();
  for (const level of definition.levels) {
    for (const match of level.condition.matchAll(/\{(lev|sim)\.([a-z0-9_]+)\}/g)) used.add(`${match[1]}.${match[2]}`);
  }
  return [...used].sort().map((key) => {
    const [metric, feature] = key.split(".") as [string, string];
    const expression = renderCondition(METRIC_SQL[metric]!(feature), fieldIndex);
    return `${expression} as ${featureColumn(fieldIndex, `${metric}_${feature}`)}`;
  });
}

/**
 * The CASE expression giving a pair's level index for one comparison: 0 = most similar … n−1 = else,
 * −1 = null level. Reads the records as `l` and `r` and the metric subquery as `x`.
 */
export function renderLevelCase(definition: ComparisonDefinition, fieldIndex: number): string {
  const nullColumn = featureColumn(fieldIndex, definition.nullFeature);
  const whens = definition.levels
    .slice(0, -1)
    .map((level, index) => `when ${renderCondition(level.condition, fieldIndex)} then ${index}`)
    .join(" ");
  return `(case when l.${nullColumn} is null or r.${nullColumn} is null then -1 ${whens} else ${definition.levels.length - 1} end)`;
}
