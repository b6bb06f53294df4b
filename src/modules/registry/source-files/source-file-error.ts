import type { FileProblemCode } from "../import-codes.ts";

/**
 * A problem with the file itself (bad encoding, truncated, too large …), raised from inside the streaming
 * readers. The readers are async iterators consumed deep inside the import loop, where a thrown error is the
 * only way to stop the stream; the import catches it at its edge and turns it into a failed result, so it
 * never escapes as an exception.
 */
export class SourceFileError extends Error {
  override readonly name = "SourceFileError";
  constructor(
    readonly code: FileProblemCode,
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }
}
