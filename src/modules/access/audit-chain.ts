/**
 * The audit trail's hash chain (DESIGN.md §8: append-only, hash-chained, verifiable by command).
 *
 * Entry n stores hash_n = SHA-256( hash_{n-1} ‖ canonicalJson(fields_n) ) as lower-case hex, where
 * hash_0 is 64 zeros and fields_n are every column except the two hashes, with `at` as an ISO 8601 UTC
 * string to the millisecond. Sequence numbers start at 1 and have no gaps. Changing, inserting or deleting
 * any entry therefore breaks the chain at that entry or the one after it; only cutting entries off the end
 * goes unseen, which is why `renkou audit verify` prints the head (seq and hash) for keeping elsewhere.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json.ts";

export const AUDIT_GENESIS_HASH = "0".repeat(64);

export type AuditResult = "success" | "denied" | "failure";

export type AuditDetail = Readonly<Record<string, string | number | boolean | null>>;

/** What happened, as the service reports it; seq, time and hashes are added when it is appended. */
export interface AuditFacts {
  readonly actorId: string | null;
  readonly actorUsername: string | null;
  /** The role (or roles, comma-separated) under which the actor acted; 'cli' for the command line. */
  readonly actorRole: string | null;
  /** A stable dotted name (`auth.login`, `user.create`) or, for automatic entries, `METHOD /route/:pattern`. */
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  /** Division code of the target when known: what an audit administrator's jurisdiction filters on. */
  readonly regionCode: string | null;
  readonly result: AuditResult;
  readonly clientAddress: string | null;
  readonly detail: AuditDetail;
}

export interface AuditEntry extends AuditFacts {
  readonly seq: number;
  readonly at: Date;
}

export interface ChainedAuditEntry extends AuditEntry {
  readonly prevHash: string;
  readonly hash: string;
}

/** The fields an entry's hash covers, in the pinned order; also what the API shows of an entry. */
export function auditEntryFields(entry: AuditEntry) {
  return {
    seq: entry.seq,
    at: entry.at.toISOString(),
    actorId: entry.actorId,
    actorUsername: entry.actorUsername,
    actorRole: entry.actorRole,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    regionCode: entry.regionCode,
    result: entry.result,
    clientAddress: entry.clientAddress,
    detail: entry.detail,
  };
}

export function hashAuditEntry(prevHash: string, entry: AuditEntry): string {
  return createHash("sha256").update(prevHash).update(canonicalJson(auditEntryFields(entry))).digest("hex");
}

/** Links `facts` after `head` (undefined for the first entry). */
export function chainAuditEntry(
  head: { readonly seq: number; readonly hash: string } | undefined,
  facts: AuditFacts,
  at: Date,
): ChainedAuditEntry {
  // The database keeps microseconds, the chain milliseconds: store exactly what was hashed.
  const entry: AuditEntry = { ...facts, seq: (head?.seq ?? 0) + 1, at: new Date(at.getTime()) };
  const prevHash = head?.hash ?? AUDIT_GENESIS_HASH;
  return { ...entry, prevHash, hash: hashAuditEntry(prevHash, entry) };
}

export type AuditChainBreakReason = "sequence_gap" | "previous_hash_mismatch" | "hash_mismatch";

export type AuditChainReport =
  | { readonly intact: true; readonly entries: number; readonly head: { readonly seq: number; readonly hash: string } | null }
  | {
      readonly intact: false;
      /** Entries found intact before the break. */
      readonly entries: number;
      readonly firstBroken: { readonly seq: number; readonly reason: AuditChainBreakReason };
    };

/** Walks the entries in sequence order and reports the first one that does not fit the chain. */
export async function verifyAuditChain(entries: AsyncIterable<ChainedAuditEntry> | Iterable<ChainedAuditEntry>): Promise<AuditChainReport> {
  let previous: { seq: number; hash: string } | undefined;
  let count = 0;
  for await (const entry of entries) {
    const expectedSeq = (previous?.seq ?? 0) + 1;
    let reason: AuditChainBreakReason | undefined;
    if (entry.seq !== expectedSeq) reason = "sequence_gap";
    else if (entry.prevHash !== (previous?.hash ?? AUDIT_GENESIS_HASH)) reason = "previous_hash_mismatch";
    else if (entry.hash !== hashAuditEntry(entry.prevHash, entry)) reason = "hash_mismatch";
    if (reason) return { intact: false, entries: count, firstBroken: { seq: reason === "sequence_gap" ? expectedSeq : entry.seq, reason } };
    previous = { seq: entry.seq, hash: entry.hash };
    count++;
  }
  return { intact: true, entries: count, head: previous ?? null };
}
