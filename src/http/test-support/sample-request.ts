/**
 * Test support: a plausible request for any declared route, made from its Zod schemas, so generated tests
 * (the authorisation matrix, injection probes) reach the handler of routes written after them.
 * Values come from the schema (enum members, formats, minimums) and from the field's name (division codes,
 * passwords); `overrides` replaces chosen fields.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { DeclaredRoute } from "../authenticate.ts";

export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly format?: string;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly minLength?: number;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
}

export type RequestPart = "params" | "querystring" | "body";

/** The JSON Schema of one part of a route's request, or undefined when the route declares none. */
export function partSchema(route: DeclaredRoute, part: RequestPart): JsonSchema | undefined {
  const schema = (route.schema as Record<string, unknown> | undefined)?.[part];
  if (!(schema instanceof z.ZodType)) return undefined;
  return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
}

/** The names of a part's top-level fields that take text. */
export function textFields(route: DeclaredRoute, part: RequestPart): string[] {
  const schema = partSchema(route, part);
  return Object.entries(schema?.properties ?? {})
    .filter(([, field]) => acceptsText(field))
    .map(([name]) => name);
}

function acceptsText(field: JsonSchema): boolean {
  const types = [field.type ?? []].flat();
  return types.includes("string") || (field.anyOf ?? field.oneOf ?? []).some(acceptsText);
}

export function sampleValue(field: JsonSchema, name: string): unknown {
  if (field.const !== undefined) return field.const;
  if (field.enum?.length) return field.enum[0];
  const variant = field.anyOf?.[0] ?? field.oneOf?.[0];
  if (variant) return sampleValue(variant, name);
  const type = [field.type ?? "string"].flat()[0];
  if (type === "integer" || type === "number") return field.minimum ?? 1;
  if (type === "boolean") return false;
  if (type === "array") return [];
  if (type === "object") return sampleObject(field);
  if (field.format === "uuid") return randomUUID();
  if (field.format === "date-time") return new Date().toISOString();
  if (field.format === "date") return "2024-01-01";
  if (/code|jurisdiction|parent|within|region|division/i.test(name)) return "370406";
  if (/password/i.test(name)) return "Sample-Password-2025";
  if (/username/i.test(name)) return "sample.user";
  return "sample-value".padEnd(field.minLength ?? 0, "x");
}

function sampleObject(schema: JsonSchema, overrides: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const sample: Record<string, unknown> = {};
  for (const name of schema.required ?? []) sample[name] = sampleValue(schema.properties?.[name] ?? {}, name);
  return { ...sample, ...overrides };
}

export interface SampleRequest {
  readonly url: string;
  readonly payload?: Record<string, unknown>;
}

/** A request for `route` with every required field filled, `overrides` per part replacing chosen fields. */
export function sampleRequest(
  route: DeclaredRoute,
  overrides: Partial<Record<RequestPart, Readonly<Record<string, unknown>>>> = {},
): SampleRequest {
  const params = { ...sampleObject(partSchema(route, "params") ?? {}), ...overrides.params };
  const path = route.url.replace(/:([A-Za-z0-9_]+)/g, (_match, name: string) =>
    encodeURIComponent(String(params[name] ?? sampleValue({}, name))),
  );
  const query = sampleObject(partSchema(route, "querystring") ?? {}, overrides.querystring);
  const search = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)])).toString();
  const url = search ? `${path}?${search}` : path;
  if (!["POST", "PUT", "PATCH"].includes(route.method)) return { url };
  return { url, payload: sampleObject(partSchema(route, "body") ?? {}, overrides.body) };
}
