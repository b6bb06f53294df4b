import type { LinkParameters } from "../../api/client.ts";

export type ParametersTextResult =
  | { readonly ok: true; readonly parameters: LinkParameters }
  | { readonly ok: false; readonly reason: "not_json" | "not_parameters"; readonly detail: string };

/**
 * A first check of hand-edited model JSON before it is sent: it must parse and say it is renkou link
 * parameters. The server checks every field against its schema (and names the wrong one) when it is saved.
 */
export function parseParametersText(text: string): ParametersTextResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: "not_json", detail: error instanceof Error ? error.message : String(error) };
  }
  const format = typeof json === "object" && json !== null ? (json as { format?: unknown }).format : undefined;
  if (format !== "renkou-link-parameters/1" || !Array.isArray((json as { comparisons?: unknown }).comparisons)) {
    return { ok: false, reason: "not_parameters", detail: String(format) };
  }
  return { ok: true, parameters: json as LinkParameters };
}
