import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json.ts";

describe("canonicalJson", () => {
  it("sorts keys at every depth and writes no whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: true, e: null }], c: "x" } })).toBe(
      '{"a":{"c":"x","d":[3,{"e":null,"f":true}]},"b":1}',
    );
  });

  it("gives the same text whatever order the keys were inserted in", () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it("sorts keys by UTF-16 code units (RFC 8785 §3.2.3)", () => {
    expect(canonicalJson({ "\u00e9": 1, z: 2, A: 3, 审计: 4 })).toBe('{"A":3,"z":2,"é":1,"审计":4}');
  });

  it("leaves out undefined members", () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it("escapes strings as JSON.stringify does", () => {
    expect(canonicalJson('say "hi"\n\u0001')).toBe('"say \\"hi\\"\\n\\u0001"');
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])("refuses %s", (value) => {
    expect(() => canonicalJson({ value })).toThrow(RangeError);
  });
});
