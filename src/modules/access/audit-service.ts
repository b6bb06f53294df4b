/**
 * Use cases on the audit trail: record an entry, search and export it (audit administrators), verify the
 * chain (`renkou audit verify`, `GET /audit/verify`), and the audited unmasking of one record.
 */
import type { Transaction } from "kysely";
import type { Db } from "../../db/database.ts";
import type { DatabaseSchema } from "../../db/schema.ts";
import { escapeCsvCell } from "../surveillance/escape-csv-cell.ts";
import { accessErrors } from "./access-errors.ts";
import { auditIdentity, requireJurisdiction, requirePermission, type Actor } from "./actor.ts";
import { auditEntryFields, verifyAuditChain, type AuditChainReport, type AuditFacts, type ChainedAuditEntry } from "./audit-chain.ts";
import type { AuditEvent, AuditPageQuery, AuditQuery } from "./model.ts";
import { jurisdictionsWith } from "./roles.ts";
import { appendAuditEntry, AUDIT_COLUMNS, readAuditChain, searchAuditEntries } from "./store.ts";

/**
 * Appends an entry. Inside a transaction the entry commits or rolls back with the work it describes (a read
 * of personal data is not returned unless its entry was written); on a plain handle it commits on its own.
 */
export async function recordAudit(db: Db, facts: AuditFacts, at: Date): Promise<ChainedAuditEntry> {
  if (db.isTransaction) return appendAuditEntry(db as Transaction<DatabaseSchema>, facts, at);
  return db.transaction().execute((trx) => appendAuditEntry(trx, facts, at));
}

function toAuditEvent(entry: ChainedAuditEntry): AuditEvent {
  return { ...auditEntryFields(entry), detail: { ...entry.detail }, hash: entry.hash };
}

/**
 * A page of entries, newest first, within the auditor's jurisdiction (entries about divisions outside it are
 * left out; entries about no division, such as sign-ins, are included).
 */
export async function searchAudit(db: Db, actor: Actor, query: AuditPageQuery): Promise<AuditEvent[]> {
  requirePermission(actor, "audit.read");
  const entries = await searchAuditEntries(db, query, jurisdictionsWith(actor.grants, "audit.read"));
  return entries.map(toAuditEvent);
}

export const AUDIT_EXPORT_MAX_ROWS = 100_000;

/** The exported columns: an entry's own hash is kept, its predecessor's is the row above. */
const EXPORT_COLUMNS = AUDIT_COLUMNS.filter((column) => column !== "prev_hash");

/**
 * The matching entries as CSV (UTF-8 with BOM so spreadsheet programs read Chinese correctly, cells escaped
 * against formula injection), at most AUDIT_EXPORT_MAX_ROWS. The export itself is audited.
 */
export async function exportAuditCsv(
  db: Db,
  actor: Actor,
  query: AuditQuery,
  context: { readonly now: Date; readonly clientAddress: string | null },
): Promise<{ readonly csv: string; readonly rows: number; readonly truncated: boolean }> {
  requirePermission(actor, "audit.export");
  const entries = await searchAuditEntries(db, { ...query, limit: AUDIT_EXPORT_MAX_ROWS + 1 }, jurisdictionsWith(actor.grants, "audit.export"));
  const truncated = entries.length > AUDIT_EXPORT_MAX_ROWS;
  const rows = entries.slice(0, AUDIT_EXPORT_MAX_ROWS).map((entry) => {
    const cells = [
      String(entry.seq),
      entry.at.toISOString(),
      entry.actorId ?? "",
      entry.actorUsername ?? "",
      entry.actorRole ?? "",
      entry.action,
      entry.targetType ?? "",
      entry.targetId ?? "",
      entry.regionCode ?? "",
      entry.result,
      entry.clientAddress ?? "",
      JSON.stringify(entry.detail),
      entry.hash,
    ];
    return cells.map(escapeCsvCell).join(",");
  });
  await recordAudit(
    db,
    {
      ...auditIdentity({ kind: "user", actor, clientAddress: context.clientAddress }, "audit.export"),
      action: "audit.export",
      targetType: "audit_event",
      targetId: null,
      regionCode: null,
      result: "success",
      detail: { rows: rows.length, truncated, filters: JSON.stringify(query) },
    },
    context.now,
  );
  return { csv: `\uFEFF${[EXPORT_COLUMNS.join(","), ...rows].join("\r\n")}\r\n`, rows: rows.length, truncated };
}

/** Walks the whole chain; see audit-chain.ts for what it proves and what it cannot. */
export async function verifyAuditTrail(db: Db): Promise<AuditChainReport> {
  return verifyAuditChain(readAuditChain(db));
}

/**
 * Checks and records the unmasking of one record (DOMAIN.md §8: masked by default): the actor needs
 * `personal_data.unmask` over the record's division and must give a reason, which the audit trail keeps.
 * Call it with the plain handle before reading the record: a refusal is then recorded even though the
 * request fails, and an entry for a read that failed afterwards errs on the side of over-reporting.
 */
export async function authoriseUnmask(
  db: Db,
  actor: Actor,
  target: { readonly type: string; readonly id: string; readonly regionCode: string | null; readonly reason: string },
  context: { readonly now: Date; readonly clientAddress: string | null; readonly notFound?: () => Error },
): Promise<void> {
  const identity = auditIdentity({ kind: "user", actor, clientAddress: context.clientAddress }, "personal_data.unmask");
  const facts = { ...identity, action: "personal_data.unmask", targetType: target.type, targetId: target.id, regionCode: target.regionCode };
  try {
    // A null region: several records (an export), each of which the caller reads under row-level security
    // with the unmask permission's jurisdictions; only the permission itself can be checked here.
    if (target.regionCode === null) requirePermission(actor, "personal_data.unmask");
    else requireJurisdiction(actor, "personal_data.unmask", target.regionCode);
  } catch (error) {
    await recordAudit(db, { ...facts, result: "denied", detail: { reason: target.reason } }, context.now);
    throw context.notFound ? context.notFound() : error;
  }
  if (target.reason.trim().length < 2) throw accessErrors.unmaskReasonRequired();
  await recordAudit(db, { ...facts, result: "success", detail: { reason: target.reason.trim() } }, context.now);
}

