/**
 * Pairwise precision, recall and F1 against known true pairs (Christen 2012, "Data Matching", §7.3).
 * Pairs are unordered in a deduplication and (left, right) in a link.
 */
export interface AccuracyMeasures {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export function pairKey(left: string, right: string, unordered: boolean): string {
  return unordered && right < left ? `${right}\u0000${left}` : `${left}\u0000${right}`;
}

export function measureAccuracy(
  predicted: Iterable<readonly [string, string]>,
  truth: Iterable<readonly [string, string]>,
  unordered: boolean,
): AccuracyMeasures {
  const truthKeys = new Set<string>();
  for (const [a, b] of truth) if (a !== b) truthKeys.add(pairKey(a, b, unordered));
  const predictedKeys = new Set<string>();
  for (const [a, b] of predicted) if (a !== b) predictedKeys.add(pairKey(a, b, unordered));
  let truePositives = 0;
  for (const key of predictedKeys) if (truthKeys.has(key)) truePositives += 1;
  const falsePositives = predictedKeys.size - truePositives;
  const falseNegatives = truthKeys.size - truePositives;
  const precision = predictedKeys.size === 0 ? 0 : truePositives / predictedKeys.size;
  const recall = truthKeys.size === 0 ? 0 : truePositives / truthKeys.size;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives, falsePositives, falseNegatives, precision, recall, f1 };
}
