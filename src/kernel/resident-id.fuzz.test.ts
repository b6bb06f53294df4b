import { describe, expect, it } from "vitest";
import { computeCheckCharacter } from "./resident-id-check.ts";
import { RESIDENT_ID_REASONS, hashResidentId, maskResidentId, parseResidentId } from "./resident-id.ts";
import { createSeededRandom, type RandomSource } from "./statistics/seeded-random.ts";

const pick = <T>(random: RandomSource, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const digits = (random: RandomSource, count: number): string =>
  Array.from({ length: count }, () => Math.floor(random() * 10)).join("");
const pad = (value: number, width: number): string => String(value).padStart(width, "0");

/** A synthetic valid number: random address code, a real date in 1900–2027 (day ≤ 28), random sequence. */
function randomValidId(random: RandomSource): string {
  const year = 1900 + Math.floor(random() * 128);
  const birth = `${year}${pad(1 + Math.floor(random() * 12), 2)}${pad(1 + Math.floor(random() * 28), 2)}`;
  const first17 = `${digits(random, 6)}${birth}${digits(random, 3)}`;
  return first17 + computeCheckCharacter(first17);
}

/** Characters that stress normalisation: digits, X/x, full-width forms, separators, Han, astral, lone surrogate. */
const ALPHABET = [
  ..."0123456789",
  "X",
  "x",
  "Y",
  "１",
  "９",
  "Ｘ",
  "ｘ",
  " ",
  "\u3000",
  "\t",
  "-",
  "\u2014",
  "\u200b",
  "张",
  "𠮷",
  "\ud800",
  "😀",
  "\u0000",
];

const SEED = 20240601;
const VALID_IDS = (() => {
  const random = createSeededRandom(SEED);
  return Array.from({ length: 300 }, () => randomValidId(random));
})();

const KNOWN_REASONS: ReadonlySet<string> = new Set(RESIDENT_ID_REASONS);

/**
 * What is wrong with the outcome for `input`, or undefined if it is well formed. Plain checks collected
 * into one assertion per test: calling `expect` 10,000 times would dominate the runtime.
 */
function findMalformedOutcome(input: string): string | undefined {
  const result = parseResidentId(input);
  if (!result.ok && !KNOWN_REASONS.has(result.reason)) return `unknown reason ${result.reason}`;
  if (result.ok && !/^\d{17}[\dX]$/.test(result.value.number)) return "number not normalised";
  if (result.ok && parseResidentId(result.value.number).ok !== true) return "normalised number does not re-parse";
  if (Array.from(maskResidentId(input)).filter((character) => character !== "*").length > 8) return "mask shows > 8";
  if (!/^[0-9a-f]{64}$/.test(hashResidentId(input, "fuzz-key"))) return "hash is not 64 hex digits";
  return undefined;
}

function collectMalformed(inputs: Iterable<string>): string[] {
  const problems: string[] = [];
  for (const input of inputs) {
    const problem = findMalformedOutcome(input);
    if (problem !== undefined) problems.push(`${JSON.stringify(input)}: ${problem}`);
  }
  return problems;
}

/** Substitutes, inserts or deletes a character, swaps neighbours, or cuts to the legacy 15-digit shape. */
function mutate(random: RandomSource, id: string): string {
  const position = Math.floor(random() * (id.length + 1));
  const character = pick(random, ALPHABET);
  switch (Math.floor(random() * 5)) {
    case 0:
      return id.slice(0, position) + character + id.slice(position + 1);
    case 1:
      return id.slice(0, position) + character + id.slice(position);
    case 2:
      return id.slice(0, position) + id.slice(position + 1);
    case 3:
      return id.slice(0, position) + id.charAt(position + 1) + id.charAt(position) + id.slice(position + 2);
    default:
      return id.slice(0, 6) + id.slice(8, 17);
  }
}

describe("parseResidentId under fuzzing (seeded)", () => {
  it("accepts every generated valid number", () => {
    expect(VALID_IDS.filter((id) => !parseResidentId(id).ok)).toEqual([]);
  });

  it("never throws on 10,000 random strings and always returns a known outcome", () => {
    const random = createSeededRandom(SEED + 1);
    const inputs = Array.from({ length: 10_000 }, () =>
      Array.from({ length: Math.floor(random() * 24) }, () => pick(random, ALPHABET)).join(""),
    );
    expect(collectMalformed(inputs)).toEqual([]);
  });

  it("never throws on 10,000 random mutations of valid numbers", () => {
    const random = createSeededRandom(SEED + 2);
    const inputs = Array.from({ length: 10_000 }, () => {
      let input = pick(random, VALID_IDS);
      const rounds = 1 + Math.floor(random() * 3);
      for (let round = 0; round < rounds; round++) input = mutate(random, input);
      return input;
    });
    expect(collectMalformed(inputs)).toEqual([]);
  });

  it("rejects every single-character substitution of a valid number", () => {
    const accepted: string[] = [];
    for (const id of VALID_IDS) {
      for (let position = 0; position < 18; position++) {
        for (const character of "0123456789X") {
          if (character === id[position]) continue;
          const mutated = id.slice(0, position) + character + id.slice(position + 1);
          if (parseResidentId(mutated).ok) accepted.push(mutated);
        }
      }
    }
    expect(accepted).toEqual([]);
  });

  it("rejects a wrong digit outside the birth date as bad_checksum", () => {
    const otherOutcomes: string[] = [];
    for (const id of VALID_IDS) {
      for (const position of [0, 1, 2, 3, 4, 5, 14, 15, 16]) {
        const replacement = id[position] === "0" ? "1" : "0";
        const mutated = id.slice(0, position) + replacement + id.slice(position + 1);
        const result = parseResidentId(mutated);
        if (result.ok || result.reason !== "bad_checksum") otherOutcomes.push(mutated);
      }
    }
    expect(otherOutcomes).toEqual([]);
  });

  it("rejects every transposition of two adjacent differing characters", () => {
    const accepted: string[] = [];
    for (const id of VALID_IDS) {
      for (let position = 0; position < 17; position++) {
        const [left, right] = [id[position]!, id[position + 1]!];
        if (left === right) continue;
        const swapped = id.slice(0, position) + right + left + id.slice(position + 2);
        if (parseResidentId(swapped).ok) accepted.push(swapped);
      }
    }
    expect(accepted).toEqual([]);
  });
});
