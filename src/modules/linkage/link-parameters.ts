import { fail, ok, type Result } from "../../kernel/result.ts";
import { COMPARISON_LIBRARY } from "./comparison-library.ts";
import { LinkParameters, type FieldSpec } from "./model.ts";
import { toLog2BayesFactor } from "./score-pair.ts";

/**
 * Parameters as a file: JSON checked against the Zod schema, so a model saved by one run can be loaded,
 * inspected, edited by hand (set `fixed: true` on a level to keep it through training) and reused.
 */
export function serialiseParameters(parameters: LinkParameters): string {
  return `${JSON.stringify(parameters, null, 2)}\n`;
}

export type ParametersReason = "parameters_invalid" | "parameters_mismatch";

export function parseParameters(text: string): Result<LinkParameters, ParametersReason> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail("parameters_invalid", error instanceof Error ? error.message : String(error));
  }
  const parsed = LinkParameters.safeParse(json);
  if (!parsed.success) return fail("parameters_invalid", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  return ok(parsed.data);
}

/** Loaded parameters must describe the same fields, types and levels as the run that uses them. */
export function checkParametersFitFields(parameters: LinkParameters, fields: readonly FieldSpec[]): Result<LinkParameters, ParametersReason> {
  if (parameters.comparisons.length !== fields.length) {
    return fail("parameters_mismatch", `the parameters have ${parameters.comparisons.length} comparisons, the run has ${fields.length} fields`);
  }
  for (const [i, field] of fields.entries()) {
    const comparison = parameters.comparisons[i]!;
    const labels = COMPARISON_LIBRARY[field.type].levels.map((l) => l.label);
    if (comparison.field !== field.name || comparison.type !== field.type) {
      return fail("parameters_mismatch", `comparison ${i + 1} is ${comparison.field}:${comparison.type}, the run has ${field.name}:${field.type}`);
    }
    if (comparison.levels.map((l) => l.label).join() !== labels.join()) {
      return fail("parameters_mismatch", `levels of ${field.name} differ from the comparison library's (${labels.join(", ")})`);
    }
  }
  return ok(parameters);
}

/** A plain-text table of the model: one line per level with m, u and the weight log2(m/u). */
export function describeParameters(parameters: LinkParameters): string {
  const lines = [`λ (prior match probability) = ${parameters.lambda.toExponential(3)}`];
  for (const comparison of parameters.comparisons) {
    lines.push(`${comparison.field} (${comparison.type})`);
    for (const level of comparison.levels) {
      const weight = toLog2BayesFactor(level.m, level.u);
      lines.push(
        `  ${level.label.padEnd(34)} m=${level.m.toFixed(4)} u=${level.u.toExponential(3)} weight=${weight.toFixed(2)}${level.fixed ? " (fixed)" : ""}`,
      );
    }
  }
  return lines.join("\n");
}
