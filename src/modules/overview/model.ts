import { z } from "zod";

/** Headline figures for the 总览 page, read live from the database. */
export const DivisionCounts = z.object({
  province: z.number().int(),
  city: z.number().int(),
  county: z.number().int(),
  township: z.number().int(),
  village: z.number().int(),
});
export type DivisionCounts = z.infer<typeof DivisionCounts>;

export const Overview = z.object({
  divisions: DivisionCounts,
  /** Import batches by status; null while the import module (数据导入) is not installed. */
  batches: z.object({ committed: z.number().int(), failed: z.number().int(), total: z.number().int() }).nullable(),
  /** Stored source records and quarantined rows across all batches; null without the import module. */
  records: z.object({ accepted: z.number().int(), quarantined: z.number().int() }).nullable(),
  /** When the figures were read (ISO timestamp). */
  generatedAt: z.string(),
});
export type Overview = z.infer<typeof Overview>;
