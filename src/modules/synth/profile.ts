import { z } from "zod";
import { fail, ok, type LocalisedMessage, type Result } from "../../kernel/result.ts";
import { COUNTIES, TOWNSHIPS } from "./zaozhuang.ts";

/**
 * The profile: everything about the synthetic city that a test, a demo or a benchmark may want to change —
 * the span of years, demography, the sex ratio at birth (SRB) by township, year and birth order, how
 * completely and how late each department sees events, and how often it makes each kind of error.
 * Every field has a default; `{}` is a valid profile. README.md lists the fields.
 */

const Rate = z.number().min(0).max(1);

function delaySchema(defaults: { medianDays: number; sigma: number; lateShare?: number; lateMedianDays?: number }) {
  return z
    .object({
      /** Median delay in days of a log-normal distribution… */
      medianDays: z.number().min(0).max(3650).default(defaults.medianDays),
      /** …and its log-scale spread. */
      sigma: z.number().min(0).max(3).default(defaults.sigma),
      /** Share of events handled very late (e.g. births registered a year or more later)… */
      lateShare: Rate.default(defaults.lateShare ?? 0),
      /** …and the median delay of those. */
      lateMedianDays: z.number().min(0).max(3650).default(defaults.lateMedianDays ?? 365),
    })
    .prefault({});
}
export type Delay = z.infer<ReturnType<typeof delaySchema>>;

/** Error kinds, their codes in truth/errors.csv, the field type they apply to, and default rates per field. */
export const ERROR_KINDS = [
  { key: "nameHomophone", code: "name_homophone", field: "name", rate: 0.008 },
  { key: "nameSimilarShape", code: "name_similar_shape", field: "name", rate: 0.002 },
  { key: "nameTraditional", code: "name_traditional", field: "name", rate: 0.003 },
  { key: "nameSpace", code: "name_space", field: "name", rate: 0.004 },
  { key: "nameDotVariant", code: "name_dot_variant", field: "name", rate: 0.3 },
  { key: "idSubstitution", code: "id_substitution", field: "id", rate: 0.003 },
  { key: "idTransposition", code: "id_transposition", field: "id", rate: 0.002 },
  { key: "idMissing", code: "id_missing", field: "id", rate: 0.01 },
  { key: "idLegacy15", code: "id_legacy15", field: "id", rate: 0.004 },
  { key: "idFullWidth", code: "id_full_width", field: "id", rate: 0.002 },
  { key: "dateFormat", code: "date_format", field: "date", rate: 0.004 },
  { key: "dateDayMonthSwap", code: "date_day_month_swap", field: "date", rate: 0.002 },
  { key: "sexCodeVariant", code: "sex_code_variant", field: "sex", rate: 0.005 },
  { key: "sexWrong", code: "sex_wrong", field: "sex", rate: 0.001 },
  { key: "addressCoarse", code: "address_coarse", field: "address", rate: 0.05 },
  { key: "fieldMissing", code: "field_missing", field: "optional", rate: 0.01 },
] as const;

export type ErrorKindKey = (typeof ERROR_KINDS)[number]["key"];
export type ErrorKindCode = (typeof ERROR_KINDS)[number]["code"];
export type ErrorRates = Readonly<Record<ErrorKindKey, number>>;

const PartialErrorRates = z
  .object(Object.fromEntries(ERROR_KINDS.map((k) => [k.key, Rate.optional()])) as Record<ErrorKindKey, z.ZodOptional<typeof Rate>>)
  .strict();

export const SOURCES = [
  "householdRegistry",
  "marriageRegistrations",
  "hospitalDeliveries",
  "birthCertificates",
  "newbornRegistrations",
  "deathRegistrations",
] as const;
export type SourceName = (typeof SOURCES)[number];

const SourceErrors = z
  .object({
    /** Multiplies every default rate for this source (a careful department < 1, a sloppy one > 1). */
    scale: z.number().min(0).max(50).optional(),
    /** Exact rates for this source, applied after the scale. */
    rates: PartialErrorRates.optional(),
  })
  .strict();

/**
 * Department habits that are not mistakes but still differ by source: the public-security registry is the
 * system of record for ID numbers, hospitals type IDs by hand, death certificates of the old still carry
 * 15-digit IDs. These are the defaults; a profile's `errors.sources` entries replace them key by key.
 */
const DEFAULT_SOURCE_ERRORS: Readonly<Record<SourceName, { scale: number; rates: Partial<Record<ErrorKindKey, number>> }>> = {
  householdRegistry: {
    scale: 0.3,
    rates: { idSubstitution: 0, idTransposition: 0, idMissing: 0, idLegacy15: 0, idFullWidth: 0, addressCoarse: 0 },
  },
  marriageRegistrations: { scale: 0.6, rates: { idLegacy15: 0.002 } },
  hospitalDeliveries: { scale: 1.5, rates: {} },
  birthCertificates: { scale: 1, rates: {} },
  newbornRegistrations: { scale: 0.5, rates: {} },
  deathRegistrations: { scale: 1.2, rates: { idLegacy15: 0.03, idMissing: 0.03 } },
};

/**
 * Crude birth rates (births per 1,000 residents) by year. 2015–2022 follow the Shandong statistical bulletins
 * (about 12.6‰ in 2015, 17.9‰ and 17.5‰ in the two-child years 2016–2017, 8.6‰ in 2020, 6.7‰ in 2022);
 * the other years are smooth approximations. Any year can be overridden in the profile.
 */
const DEFAULT_BIRTH_RATES: Readonly<Record<number, number>> = {
  2000: 11.0, 2001: 11.0, 2002: 11.2, 2003: 11.4, 2004: 11.6, 2005: 12.1, 2006: 11.6, 2007: 11.2, 2008: 11.3,
  2009: 11.5, 2010: 11.7, 2011: 11.5, 2012: 11.9, 2013: 11.4, 2014: 14.2, 2015: 12.6, 2016: 17.9, 2017: 17.5,
  2018: 13.3, 2019: 11.8, 2020: 8.6, 2021: 7.4, 2022: 6.7, 2023: 6.1, 2024: 6.3,
};
const LATER_BIRTH_RATE = 6.0;

const SrbRule = z
  .object({
    /** County (6 digits) or township (9 digits) code; omitted means the whole city. */
    area: z.string().regex(/^\d{6}(\d{3})?$/).optional(),
    fromYear: z.int().optional(),
    toYear: z.int().optional(),
    /** 1, 2, or 3 for third and later births; omitted means every order. */
    birthOrder: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
    /** Boys per 100 girls. */
    srb: z.number().min(50).max(400),
  })
  .strict();
export type SrbRule = z.infer<typeof SrbRule>;

export const Profile = z
  .object({
    years: z
      .object({ from: z.int().min(2000).max(2060).default(2015), to: z.int().min(2000).max(2060).default(2024) })
      .strict()
      .prefault({})
      .refine((y) => y.from <= y.to && y.to - y.from < 40, "years.from must be ≤ years.to, span < 40 years"),
    population: z
      .object({
        /** Share of the starting households that live in the city without its hukou (流动人口). */
        floatingShare: Rate.default(0.04),
      })
      .strict()
      .prefault({}),
    demography: z
      .object({
        /** Births per 1,000 residents by year ("2019": 11.8); unlisted years use the defaults. */
        birthRatePerThousand: z.record(z.string().regex(/^\d{4}$/), z.number().min(0).max(60)).default({}),
        /** Share of deliveries that are twins (China about 1.2%). */
        twinRate: Rate.default(0.012),
        /** Multiplies the default marriage hazards. */
        marriageRateScale: z.number().min(0).max(5).default(1),
        /** Multiplies the default death hazards. */
        mortalityScale: z.number().min(0).max(5).default(1),
        /** Share of registered households moving to another township each year. */
        moveRate: Rate.default(0.012),
        /** Share of registered households moving out of the city each year. */
        outMigrationRate: Rate.default(0.006),
        /** Arriving migrants per resident per year. */
        inMigrationRate: Rate.default(0.008),
        /** Share of arriving households that transfer their hukou into the city. */
        hukouTransferShare: Rate.default(0.35),
      })
      .strict()
      .prefault({}),
    srb: z
      .object({
        /** The natural SRB used where no rule applies (DOMAIN.md §5: default 105). */
        natural: z.number().min(80).max(140).default(105),
        /** Later rules win over earlier ones. */
        rules: z.array(SrbRule).default([]),
      })
      .strict()
      .prefault({}),
    completeness: z
      .object({
        hospitalDeliveries: z
          .object({ coverage: Rate.default(0.985), delay: delaySchema({ medianDays: 12, sigma: 0.6 }) })
          .strict()
          .prefault({}),
        birthCertificates: z
          .object({
            givenHospitalReport: Rate.default(0.97),
            withoutHospitalReport: Rate.default(0.5),
            delay: delaySchema({ medianDays: 3, sigma: 1.0 }),
            /** Share of certificates issued before the baby had a name (新生儿姓名 blank). */
            nameBlank: Rate.default(0.35),
            /** Share of named certificates whose name differs from the name later registered. */
            nameProvisional: Rate.default(0.04),
          })
          .strict()
          .prefault({}),
        newbornRegistrations: z
          .object({
            givenCertificate: Rate.default(0.96),
            withoutCertificate: Rate.default(0.6),
            delay: delaySchema({ medianDays: 40, sigma: 0.9, lateShare: 0.03, lateMedianDays: 420 }),
          })
          .strict()
          .prefault({}),
        deathRegistrations: z
          .object({ coverage: Rate.default(0.92), delay: delaySchema({ medianDays: 5, sigma: 1.1 }) })
          .strict()
          .prefault({}),
        householdRegistry: z
          .object({
            /** Share of deaths of registered people whose hukou is eventually cancelled (销户). */
            deathCancelled: Rate.default(0.9),
            cancellationDelay: delaySchema({ medianDays: 60, sigma: 1.0 }),
          })
          .strict()
          .prefault({}),
        marriageRegistrations: z.object({ coverage: Rate.default(0.995) }).strict().prefault({}),
      })
      .strict()
      .prefault({}),
    errors: z
      .object({
        /** Error rates per field, replacing the defaults of ERROR_KINDS key by key. */
        rates: PartialErrorRates.default({}),
        sources: z.object(Object.fromEntries(SOURCES.map((s) => [s, SourceErrors.optional()])) as Record<SourceName, z.ZodOptional<typeof SourceErrors>>).strict().default({}),
      })
      .strict()
      .prefault({}),
  })
  .strict();
export type Profile = z.infer<typeof Profile>;

/** The profile with its tables computed for fast lookup during generation. */
export interface ResolvedProfile {
  readonly profile: Profile;
  readonly firstYear: number;
  readonly lastYear: number;
  /** Births per 1,000 residents, indexed by year − firstYear. */
  readonly birthRates: Float64Array;
  /** SRB indexed by ((township × years) + year − firstYear) × 3 + (order − 1), order 3 meaning 3+. */
  readonly srbTable: Float64Array;
  readonly errorRates: Readonly<Record<SourceName, ErrorRates>>;
}

export type ProfileProblem = "invalid_profile";

export const PROFILE_MESSAGES: Readonly<Record<ProfileProblem, LocalisedMessage>> = {
  invalid_profile: { zh: "画像文件无效", en: "The profile is invalid" },
};

/** Validates a profile (parsed JSON) and computes its lookup tables. */
export function resolveProfile(input: unknown): Result<ResolvedProfile, ProfileProblem> {
  const parsed = Profile.safeParse(input ?? {});
  if (!parsed.success) return fail("invalid_profile", z.prettifyError(parsed.error));
  const profile = parsed.data;
  const problems: string[] = [];
  const firstYear = profile.years.from;
  const lastYear = profile.years.to;
  const years = lastYear - firstYear + 1;

  const birthRates = new Float64Array(years);
  for (let y = 0; y < years; y++) {
    const year = firstYear + y;
    birthRates[y] = profile.demography.birthRatePerThousand[String(year)] ?? DEFAULT_BIRTH_RATES[year] ?? LATER_BIRTH_RATE;
  }

  const srbTable = new Float64Array(TOWNSHIPS.length * years * 3).fill(profile.srb.natural);
  for (const [r, rule] of profile.srb.rules.entries()) {
    if (rule.area !== undefined && !isCityArea(rule.area)) {
      problems.push(`srb.rules[${r}].area ${rule.area} is not a county or township of the city`);
      continue;
    }
    for (let t = 0; t < TOWNSHIPS.length; t++) {
      if (rule.area !== undefined && !TOWNSHIPS[t]!.code.startsWith(rule.area)) continue;
      for (let y = 0; y < years; y++) {
        const year = firstYear + y;
        if ((rule.fromYear !== undefined && year < rule.fromYear) || (rule.toYear !== undefined && year > rule.toYear)) continue;
        for (let order = 1; order <= 3; order++) {
          if (rule.birthOrder !== undefined && rule.birthOrder !== order) continue;
          srbTable[(t * years + y) * 3 + order - 1] = rule.srb;
        }
      }
    }
  }

  const errorRates = {} as Record<SourceName, ErrorRates>;
  for (const source of SOURCES) {
    const defaults = DEFAULT_SOURCE_ERRORS[source];
    const own = profile.errors.sources[source];
    const scale = own?.scale ?? defaults.scale;
    const rates = {} as Record<ErrorKindKey, number>;
    for (const kind of ERROR_KINDS) {
      // A rate the profile sets (for the source, or globally) wins over the department's default habit.
      const global = profile.errors.rates[kind.key];
      rates[kind.key] =
        own?.rates?.[kind.key] ??
        roundRate(global !== undefined ? global * scale : (defaults.rates[kind.key] ?? kind.rate * scale));
    }
    for (const field of ["name", "id", "date", "sex"] as const) {
      const total = ERROR_KINDS.filter((k) => k.field === field).reduce((sum, k) => sum + rates[k.key], 0);
      if (total > 1) problems.push(`errors for ${source}: ${field} error rates add up to more than 1`);
    }
    errorRates[source] = rates;
  }

  if (problems.length > 0) return fail("invalid_profile", problems.join("\n"));
  return ok({ profile, firstYear, lastYear, birthRates, srbTable, errorRates });
}

/** Caps at 1 and rounds to 6 decimals, so the manifest shows 0.0045, not 0.0045000000000000005. */
function roundRate(rate: number): number {
  return Math.round(Math.min(1, rate) * 1e6) / 1e6;
}

function isCityArea(code: string): boolean {
  return code.length === 6 ? COUNTIES.some((c) => c.code === code) : TOWNSHIPS.some((t) => t.code === code);
}

/** SRB of the profile for a township index, calendar year and birth order (3 = third or later). */
export function srbFor(resolved: ResolvedProfile, township: number, year: number, order: number): number {
  const years = resolved.lastYear - resolved.firstYear + 1;
  const y = Math.min(Math.max(year - resolved.firstYear, 0), years - 1);
  return resolved.srbTable[(township * years + y) * 3 + Math.min(Math.max(order, 1), 3) - 1]!;
}
