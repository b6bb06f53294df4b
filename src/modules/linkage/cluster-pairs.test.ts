import { describe, expect, it } from "vitest";
import { assignOneToOne, clusterConnectedComponents, clusterRecordIndexes, compareRecordIds } from "./cluster-pairs.ts";

const clusterOf = (members: ReturnType<typeof clusterConnectedComponents>) =>
  Object.fromEntries(members.map((m) => [m.record, m.clusterId]));

describe("clusterConnectedComponents", () => {
  const records = ["r5", "r10", "r9", "r2", "r7"];
  const pairs = [
    { left: "r10", right: "r9", matchWeight: 5 },
    { left: "r9", right: "r5", matchWeight: 3 },
    { left: "r2", right: "r7", matchWeight: 8 },
  ];

  it("joins records transitively and names each cluster after its smallest record id", () => {
    expect(clusterOf(clusterConnectedComponents(records, pairs))).toEqual({ r5: "r5", r9: "r5", r10: "r5", r2: "r2", r7: "r2" });
  });

  it("gives the same cluster ids whatever the order of records and pairs", () => {
    const shuffled = clusterConnectedComponents([...records].reverse(), [...pairs].reverse().map((p) => ({ ...p, left: p.right, right: p.left })));
    expect(clusterOf(shuffled)).toEqual(clusterOf(clusterConnectedComponents(records, pairs)));
  });

  it("keeps a record without pairs as its own cluster", () => {
    expect(clusterOf(clusterConnectedComponents(["a", "b"], []))).toEqual({ a: "a", b: "b" });
  });
});

describe("compareRecordIds", () => {
  it.each([
    ["9", "10", -1],
    ["rec-9-org", "rec-10-org", -1],
    ["b", "a", 1],
    ["left:2", "right:1", -1],
    ["007", "7", 1],
  ] as const)("orders %s before or after %s naturally", (a, b, sign) => {
    expect(Math.sign(compareRecordIds(a, b))).toBe(sign);
  });
});

describe("assignOneToOne", () => {
  it("keeps the strongest pair per record and drops weaker competitors", () => {
    const accepted = assignOneToOne([
      { left: "a", right: "x", matchWeight: 10 },
      { left: "a", right: "y", matchWeight: 12 },
      { left: "b", right: "y", matchWeight: 11 },
      { left: "b", right: "x", matchWeight: 4 },
    ]);
    expect(accepted.map((p) => `${p.left}${p.right}`).sort()).toEqual(["ay", "bx"]);
  });
});

describe("clusterRecordIndexes", () => {
  it("gives the same clusters as clusterConnectedComponents, by record index", () => {
    // A deterministic pseudo-random graph: 300 records, 200 edges, ids whose natural order differs from text order.
    const keys = Array.from({ length: 300 }, (_, i) => `rec-${(i * 37) % 300}`);
    let state = 12345;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648) % keys.length;
    const edges = Array.from({ length: 200 }, () => [next(), next()] as const);
    const byKey = clusterOf(clusterConnectedComponents(keys, edges.map(([a, b]) => ({ left: keys[a]!, right: keys[b]!, matchWeight: 1 }))));
    const roots = clusterRecordIndexes(keys, edges);
    expect(Object.fromEntries(keys.map((key, i) => [key, keys[roots[i]!]]))).toEqual(byKey);
  });

  it("leaves a record without pairs in a cluster of its own", () => {
    expect([...clusterRecordIndexes(["b", "a", "c"], [[0, 1]])]).toEqual([1, 1, 2]);
  });
});
