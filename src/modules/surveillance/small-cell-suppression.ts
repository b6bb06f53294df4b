/**
 * Small-cell suppression for anything renkou shows or exports (DOMAIN.md §5): a cell with fewer than 10
 * births (boys + girls) can point to a family, so its numbers are replaced by the `suppressed` marker. The
 * marker is distinct from NA (`undefined`): NA means "not defined", suppressed means "withheld".
 * Only the listed fields are replaced; keys and labels (region, period, birth order) stay.
 * The threshold is configurable per output; 0 suppresses nothing.
 */
export const SUPPRESSED = "suppressed";
export type Suppressed = typeof SUPPRESSED;
export const DEFAULT_SUPPRESSION_THRESHOLD = 10;

export type WithSuppressedFields<Row, Field extends keyof Row> = {
  [Key in keyof Row]: Key extends Field ? Row[Key] | Suppressed : Row[Key];
};

export interface SuppressionOptions<Row, Field extends keyof Row> {
  /** Births in the row's cell (boys + girls). */
  readonly births: (row: Row) => number;
  /** Fields withheld when the cell is small. */
  readonly fields: readonly Field[];
  /** Cells with fewer births than this are suppressed; default 10. */
  readonly threshold?: number;
}

export function suppressSmallCells<Row extends object, Field extends keyof Row>(
  rows: readonly Row[],
  options: SuppressionOptions<Row, Field>,
): WithSuppressedFields<Row, Field>[] {
  const threshold = options.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  if (!(Number.isInteger(threshold) && threshold >= 0)) {
    throw new Error(`suppression threshold must be a non-negative integer (got ${threshold})`);
  }
  return rows.map((row) => {
    // A widening copy: every field keeps its type, the listed ones may also hold the marker.
    const copy = { ...row } as WithSuppressedFields<Row, Field>;
    if (options.births(row) < threshold) {
      for (const field of options.fields) (copy as Record<Field, unknown>)[field] = SUPPRESSED;
    }
    return copy;
  });
}

export function isSuppressed(value: unknown): value is Suppressed {
  return value === SUPPRESSED;
}
