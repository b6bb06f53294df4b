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
  const parent = new Map<string, string>(records.map((r) => [r, r]));
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    let node = x;
    while (node !== root) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  for (const pair of pairs) {
    if (!parent.has(pair.left)) parent.set(pair.left, pair.left);
    if (!parent.has(pair.right)) parent.set(pair.right, pair.right);
    const a = find(pair.left);
    const b = find(pair.right);
    if (a === b) continue;
    // The smaller key becomes the root, so the root is always the component's smallest key.
    if (compareRecordIds(a, b) < 0) parent.set(b, a);
    else parent.set(a, b);
  }
  return [...parent.keys()].map((record) => ({ clusterId: find(record), record }));
}

/**
 * The same components as `clusterConnectedComponents`, over record indexes: `keys[i]` is record i's key and
 * each pair joins two indexes. Returns, per record, the index of its cluster's smallest key (its id). Typed
 * arrays instead of maps of strings: a million records cluster in well under a second.
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
