import type { LinkageRunDetail } from "../../api/client.ts";

export type ParameterLevel = LinkageRunDetail["parameterLevels"][number];

export interface LevelRow extends ParameterLevel {
  readonly key: string;
  /** Rows of the comparison when this is its first level (for the merged cell), else 0. */
  readonly span: number;
}

/** The server's level table with each comparison's first row spanning its levels. */
export function levelRows(levels: readonly ParameterLevel[]): LevelRow[] {
  return levels.map((level, index) => {
    const first = index === 0 || levels[index - 1]!.field !== level.field;
    const span = first ? levels.slice(index).findIndex((next) => next.field !== level.field) : 0;
    return { ...level, key: `${level.field}:${level.level}`, span: span < 0 ? levels.length - index : span };
  });
}
