import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../../test/support/database.ts";
import type { Actor } from "./actor.ts";
import type { AuditFacts } from "./audit-chain.ts";
import { authoriseUnmask, exportAuditCsv, recordAudit, searchAudit, verifyAuditTrail } from "./audit-service.ts";
import type { Role } from "./roles.ts";
import { withJurisdiction } from "./with-jurisdiction.ts";

let database: TestDatabase;
const at = new Date("2025-04-01T09:00:00.000Z");

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const facts = (overrides: Partial<AuditFacts> = {}): AuditFacts => ({
  actorId: null,
  actorUsername: "tester",
  actorRole: "case_worker",
  action: "test.event",
  targetType: null,
  targetId: null,
  regionCode: null,
  result: "success",
  clientAddress: "127.0.0.1",
  detail: {},
  ...overrides,
});

function actorWith(role: Role, jurisdiction: string): Actor {
  return {
    userId: "00000000-0000-4000-8000-000000000001",
    username: `an_${role}`,
    displayName: "",
    grants: [{ id: "00000000-0000-4000-8000-000000000002", role, jurisdiction, facility: null, grantedAt: at }],
    session: { idHash: "x", csrfToken: "y" },
    demo: false,
  };
}

describe("the audit trail", () => {
  it("keeps one unbroken chain when many connections append at once", async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => recordAudit(database.db, facts({ detail: { i } }), at)));
    const report = await verifyAuditTrail(database.db);
    expect(report).toMatchObject({ intact: true });
    expect(report.intact && report.head?.seq).toBeGreaterThanOrEqual(40);
  });

  it("refuses UPDATE, DELETE and TRUNCATE even for the owner", async () => {
    await recordAudit(database.db, facts(), at);
    for (const statement of [sql`update audit_event set result = 'denied'`, sql`delete from audit_event`, sql`truncate audit_event`]) {
      await expect(statement.execute(database.db)).rejects.toThrow(/append-only/);
    }
  });

  it("lets the application role insert and read but not change entries", async () => {
    const caseWorker = actorWith("case_worker", "370406");
    await withJurisdiction(database.db, caseWorker, "personal_data.read", (trx) => recordAudit(trx, facts({ action: "as.renkou_app" }), at));
    for (const statement of [sql`update audit_event set result = 'denied'`, sql`delete from audit_event`]) {
      await expect(withJurisdiction(database.db, caseWorker, "personal_data.read", (trx) => statement.execute(trx))).rejects.toThrow(
        /permission denied/,
      );
    }
    expect(await verifyAuditTrail(database.db)).toMatchObject({ intact: true });
  });

  it("names the first tampered entry, and is intact again once the entry is restored", async () => {
    const target = await recordAudit(database.db, facts({ action: "to.be.tampered" }), at);
    await recordAudit(database.db, facts(), at);
    const tamper = async (result: string) => {
      await sql`alter table audit_event disable trigger audit_event_no_update_or_delete`.execute(database.db);
      await sql`update audit_event set result = ${result} where seq = ${target.seq}`.execute(database.db);
      await sql`alter table audit_event enable trigger audit_event_no_update_or_delete`.execute(database.db);
    };
    await tamper("denied");
    expect(await verifyAuditTrail(database.db)).toMatchObject({ intact: false, firstBroken: { seq: target.seq, reason: "hash_mismatch" } });
    await tamper("success");
    expect(await verifyAuditTrail(database.db)).toMatchObject({ intact: true });
  });
});

describe("searchAudit", () => {
  beforeAll(async () => {
    await recordAudit(database.db, facts({ action: "search.one", regionCode: "370406101", actorUsername: "alice" }), at);
    await recordAudit(database.db, facts({ action: "search.two", regionCode: "370481105", actorUsername: "bob", result: "denied" }), at);
    await recordAudit(database.db, facts({ action: "search.three", regionCode: null, actorUsername: "alice" }), at);
  });

  it("filters by action prefix, actor and result, newest first", async () => {
    const auditor = actorWith("audit_admin", "3704");
    const bySearch = await searchAudit(database.db, auditor, { action: "search.", limit: 10 });
    expect(bySearch.map((event) => event.action)).toEqual(["search.three", "search.two", "search.one"]);
    expect((await searchAudit(database.db, auditor, { action: "search.", actor: "alice", limit: 10 })).map((e) => e.action)).toEqual([
      "search.three",
      "search.one",
    ]);
    expect((await searchAudit(database.db, auditor, { action: "search.", result: "denied", limit: 10 })).map((e) => e.action)).toEqual(["search.two"]);
  });

  it("pages with `before`", async () => {
    const auditor = actorWith("audit_admin", "3704");
    const [first] = await searchAudit(database.db, auditor, { action: "search.", limit: 1 });
    const next = await searchAudit(database.db, auditor, { action: "search.", limit: 1, before: first!.seq });
    expect(next.map((event) => event.action)).toEqual(["search.two"]);
  });

  it("shows an auditor entries about their jurisdiction and about no division only", async () => {
    const countyAuditor = actorWith("audit_admin", "370406");
    expect((await searchAudit(database.db, countyAuditor, { action: "search.", limit: 10 })).map((e) => e.action)).toEqual([
      "search.three",
      "search.one",
    ]);
  });

  it("refuses anyone but an audit administrator", async () => {
    await expect(searchAudit(database.db, actorWith("system_admin", "3704"), { limit: 10 })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("exportAuditCsv", () => {
  it("writes a BOM, a header and escaped cells, and audits the export", async () => {
    await recordAudit(database.db, facts({ action: "=HYPERLINK(\"x\")", detail: { note: "a,b" } }), at);
    const auditor = actorWith("audit_admin", "3704");
    const exported = await exportAuditCsv(database.db, auditor, { action: "=HYPERLINK" }, { now: at, clientAddress: "10.1.1.1" });
    const lines = exported.csv.split("\r\n");
    expect(lines[0]).toBe("\uFEFFseq,at,actor_id,actor_username,actor_role,action,target_type,target_id,region_code,result,client_address,detail,hash");
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines[1]).toContain(`"{""note"":""a,b""}"`);
    expect(exported.rows).toBe(1);
    const [audit] = await searchAudit(database.db, auditor, { action: "audit.export", limit: 1 });
    expect(audit).toMatchObject({ actorUsername: "an_audit_admin", clientAddress: "10.1.1.1", detail: { rows: 1 } });
  });
});

describe("authoriseUnmask", () => {
  const target = { type: "source_record", id: "370406/7/12", regionCode: "370406101", reason: "家访核实 home visit" };

  it("records who unmasked which record and why", async () => {
    await authoriseUnmask(database.db, actorWith("case_worker", "370406"), target, { now: at, clientAddress: "10.0.0.9" });
    const [entry] = await searchAudit(database.db, actorWith("audit_admin", "3704"), { action: "personal_data.unmask", limit: 1 });
    expect(entry).toMatchObject({ result: "success", targetId: "370406/7/12", regionCode: "370406101", detail: { reason: "家访核实 home visit" } });
  });

  it("refuses outside the jurisdiction and records the refusal", async () => {
    await expect(
      authoriseUnmask(database.db, actorWith("case_worker", "370481"), target, { now: at, clientAddress: null }),
    ).rejects.toMatchObject({ code: "outside_jurisdiction" });
    const [entry] = await searchAudit(database.db, actorWith("audit_admin", "3704"), { action: "personal_data.unmask", limit: 1 });
    expect(entry).toMatchObject({ result: "denied", actorUsername: "an_case_worker" });
  });

  it("refuses an analyst, and a missing reason", async () => {
    await expect(authoriseUnmask(database.db, actorWith("analyst", "3704"), target, { now: at, clientAddress: null })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(
      authoriseUnmask(database.db, actorWith("case_worker", "370406"), { ...target, reason: " " }, { now: at, clientAddress: null }),
    ).rejects.toMatchObject({ code: "unmask_reason_required" });
  });
});
