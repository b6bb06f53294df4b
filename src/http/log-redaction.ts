/**
 * Logs must never carry personal data (PIPL; DESIGN.md §8): no ID numbers, names or phone numbers. Two
 * layers make that hold: request logs record only method, path and status (never query strings, bodies or
 * headers), and every string that reaches the log is scrubbed of anything shaped like an ID number, a
 * mobile number or Chinese characters (which in this system are most often a person's name).
 */
const RESIDENT_ID_SHAPE = /(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])|(?<![0-9])[0-9]{15}(?![0-9])/g;
const MOBILE_SHAPE = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/g;
const HAN_RUN = /[\p{Script=Han}\u00B7\u3000]+/gu;
/** Percent-encoded non-ASCII text (a name in a URL): two or more encoded bytes in a row. */
const PERCENT_ENCODED_RUN = /(?:%[89A-Fa-f][0-9A-Fa-f]){2,}/g;

export function scrubPersonalData(text: string): string {
  return text
    .replace(RESIDENT_ID_SHAPE, "[id]")
    .replace(MOBILE_SHAPE, "[phone]")
    .replace(HAN_RUN, "[han]")
    .replace(PERCENT_ENCODED_RUN, "[encoded]");
}

/**
 * Deep-scrubs a log record; depth-limited because log objects are small and may be cyclic. Only plain
 * objects, arrays and errors are rebuilt: other instances (Fastify's request and reply) are left for their
 * serializers, which pino applies after this and which log only scrubbed, non-personal fields.
 */
export function scrubLogValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubPersonalData(value);
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => scrubLogValue(item, depth + 1));
  if (value instanceof Error) {
    return { type: value.name, message: scrubPersonalData(value.message), stack: scrubPersonalData(value.stack ?? "") };
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const scrubbed: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) scrubbed[key] = scrubLogValue(item, depth + 1);
  return scrubbed;
}

/** The path of a URL without its query string, decoded where possible, scrubbed. */
export function loggablePath(url: string): string {
  const queryStart = url.indexOf("?");
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  return scrubPersonalData(decodeIfPossible(path));
}

function decodeIfPossible(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // malformed escapes stay encoded, and PERCENT_ENCODED_RUN catches them
  }
}
