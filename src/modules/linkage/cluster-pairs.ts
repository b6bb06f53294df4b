/**
 * Turning scored pairs into persons. Connected components (transitive closure above a threshold) for
 * deduplication; one-to-one assignment for linking two sources that each hold a person at most once.
 * Record keys are `side:id` strings so left and right ids never collide.
 */
export interface ClusterPair {
  readonly left: string;
  readonly right: string;
  readonly matchWeight: number;
}

export interface ClusterMember {
  readonly clusterId: string;
  readonly record: string;
}

/**
 * Natural order: runs of digits compare as numbers (rec-9 before rec-10, 9 before 10), everything else by
 * code unit, so the order never depends on a locale or on the input's row order.
 */
export function compareRecordIds(a: string, b: string): number {
  const x = a.match(/\d+|\D+/g) ?? [];
  const y = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p === q) continue;
    if (/^\d/.test(p) && /^\d/.test(q)) {
      const pd = p.replace(/^0+(?=\d)/, "");
      const qd = q.replace(/^0+(?=\d)/, "");
      if (pd.length !== qd.length) return pd.length - qd.length;
      if (pd !== qd) return pd < qd ? -1 : 1;
      return p.length - q.length;
    }
    return p < q ? -1 : 1;
  }
  return x.length - y.length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Connected components with union–find. The cluster id is the smallest record key in the component, so it
 * depends only on who is in the cluster: the same data run again gives the same ids, and a singleton keeps
 * its own key as id.
 */
export function clusterConnectedComponents(records: readonly string[], pairs: readonly ClusterPair[]): ClusterMember[] {
  const index = new Map<string, number>();
  const keys: string[] = [];
  const indexOf = (key: string): number => {
    let i = index.get(key);
    if (i === undefined) {
      i = keys.push(key) - 1;
      index.set(key, i);
    }
    return i;
  };
  for (const record of records) indexOf(record);
  const edges = pairs.map((pair) => [indexOf(pair.left), indexOf(pair.right)] as const);
  const roots = clusterRecordIndexes(keys, edges);
  return keys.map((record, i) => ({ clusterId: keys[roots[i]!]!, record }));
}

/**
 * The components over record indexes: `keys[i]` is record i's key and each pair joins two indexes. Returns,
 * per record, the index of its cluster's smallest key (its id). Typed arrays instead of maps of strings: a
 * million records cluster in well under a second.
 */
export function clusterRecordIndexes(keys: readonly string[], pairs: Iterable<readonly [number, number]>): Int32Array {
  const parent = Int32Array.from({ length: keys.length }, (_, i) => i);
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[x] !== root) {
      const next = parent[x]!;
      parent[x] = root;
      x = next;
    }
    return root;
  };
  for (const [left, right] of pairs) {
    const a = find(left);
    const b = find(right);
    if (a === b) continue;
    // The smaller key becomes the root, so the root is always the component's smallest key.
    if (compareRecordIds(keys[a]!, keys[b]!) < 0) parent[b] = a;
    else parent[a] = b;
  }
  for (let i = 0; i < parent.length; i++) parent[i] = find(i);
  return parent;
}

/**
 * Greedy one-to-one assignment: pairs in descending weight (ties by ids, for determinism), each accepted only
 * if neither record is already taken. For two duplicate-free sources it removes the weaker of two competing
 * links, which a threshold alone cannot.
 */
export function assignOneToOne<P extends ClusterPair>(pairs: readonly P[]): P[] {
  const ordered = [...pairs].sort(
    (a, b) => b.matchWeight - a.matchWeight || compareRecordIds(a.left, b.left) || compareRecordIds(a.right, b.right),
  );
  const takenLeft = new Set<string>();
  const takenRight = new Set<string>();
  const accepted: P[] = [];
  for (const pair of ordered) {
    if (takenLeft.has(pair.left) || takenRight.has(pair.right)) continue;
    takenLeft.add(pair.left);
    takenRight.add(pair.right);
    accepted.push(pair);
  }
  return accepted;
}
