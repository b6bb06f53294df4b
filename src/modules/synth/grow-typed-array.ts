export type TypedArray = Int32Array | Uint8Array | Uint16Array | Float64Array;

/**
 * A copy of `array` with room for `capacity` elements, new slots set to `fill`. The generator keeps its
 * tables as growable typed arrays (one array per column) so a million people cost tens of megabytes and no
 * per-person objects.
 */
export function growTypedArray<T extends TypedArray>(array: T, capacity: number, fill: number): T {
  const grown = new (array.constructor as new (n: number) => T)(capacity);
  grown.set(array);
  if (fill !== 0) grown.fill(fill, array.length);
  return grown;
}

/** A column table as plain data: what structured cloning copies to a worker thread. */
export interface TableSnapshot {
  readonly size: number;
  readonly columns: Readonly<Record<string, TypedArray>>;
  readonly strings: Readonly<Record<string, string[]>>;
}

/** Copies of an object's typed-array properties, cut to their first `size` elements. */
export function typedColumnsOf(owner: object, size: number): Record<string, TypedArray> {
  const columns: Record<string, TypedArray> = {};
  for (const [name, value] of Object.entries(owner)) {
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) columns[name] = (value as TypedArray).slice(0, size) as TypedArray;
  }
  return columns;
}
