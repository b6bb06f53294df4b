import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AUDIT_GENESIS_HASH, chainAuditEntry, hashAuditEntry, verifyAuditChain, type AuditFacts, type ChainedAuditEntry } from "./audit-chain.ts";

const facts = (action: string, detail: AuditFacts["detail"] = {}): AuditFacts => ({
  actorId: "7c1e0c52-0000-4000-8000-000000000001",
  actorUsername: "auditor",
  actorRole: "audit_admin",
  action,
  targetType: "user",
  targetId: "42",
  regionCode: "370406",
  result: "success",
  clientAddress: "127.0.0.1",
  detail,
});

function chainOf(count: number): ChainedAuditEntry[] {
  const chain: ChainedAuditEntry[] = [];
  for (let i = 0; i < count; i++) {
    chain.push(chainAuditEntry(chain.at(-1), facts(`action.${i}`, { i }), new Date(Date.UTC(2025, 0, 1, 0, 0, i))));
  }
  return chain;
}

describe("chainAuditEntry", () => {
  it("starts at seq 1 after the all-zero genesis hash", () => {
    const first = chainAuditEntry(undefined, facts("auth.login"), new Date("2025-01-01T00:00:00.000Z"));
    expect(first).toMatchObject({ seq: 1, prevHash: AUDIT_GENESIS_HASH });
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("hashes the previous hash followed by the canonical JSON of the fields", () => {
    const first = chainAuditEntry(undefined, facts("auth.login", { status: 200 }), new Date("2025-01-01T00:00:00.000Z"));
    // Written out by hand so that a change of the format (which would orphan every stored chain) cannot pass.
    const canonical =
      '{"action":"auth.login","actorId":"7c1e0c52-0000-4000-8000-000000000001","actorRole":"audit_admin",' +
      '"actorUsername":"auditor","at":"2025-01-01T00:00:00.000Z","clientAddress":"127.0.0.1","detail":{"status":200},' +
      '"regionCode":"370406","result":"success","seq":1,"targetId":"42","targetType":"user"}';
    expect(first.hash).toBe(createHash("sha256").update(AUDIT_GENESIS_HASH + canonical).digest("hex"));
  });

  it("links each entry to the one before", () => {
    const [a, b] = chainOf(2);
    expect(b).toMatchObject({ seq: 2, prevHash: a!.hash });
  });

  it("changes the hash when any field changes", () => {
    const at = new Date("2025-01-01T00:00:00.000Z");
    const base = chainAuditEntry(undefined, facts("auth.login"), at).hash;
    for (const change of [{ result: "failure" as const }, { actorUsername: "other" }, { detail: { x: 1 } }, { regionCode: null }]) {
      expect(chainAuditEntry(undefined, { ...facts("auth.login"), ...change }, at).hash).not.toBe(base);
    }
    expect(chainAuditEntry(undefined, facts("auth.login"), new Date(at.getTime() + 1)).hash).not.toBe(base);
  });
});

describe("verifyAuditChain", () => {
  it("reports an intact chain with its head", async () => {
    const chain = chainOf(5);
    expect(await verifyAuditChain(chain)).toEqual({ intact: true, entries: 5, head: { seq: 5, hash: chain[4]!.hash } });
  });

  it("reports an empty trail as intact with no head", async () => {
    expect(await verifyAuditChain([])).toEqual({ intact: true, entries: 0, head: null });
  });

  it("names an entry whose fields were edited", async () => {
    const chain = chainOf(5);
    chain[2] = { ...chain[2]!, result: "denied" };
    expect(await verifyAuditChain(chain)).toEqual({ intact: false, entries: 2, firstBroken: { seq: 3, reason: "hash_mismatch" } });
  });

  it("names the entry after a re-hashed edit (its previous hash no longer fits)", async () => {
    const chain = chainOf(5);
    const edited = { ...chain[1]!, actorUsername: "mallory" };
    chain[1] = { ...edited, hash: hashAuditEntry(edited.prevHash, edited) };
    expect(await verifyAuditChain(chain)).toMatchObject({ intact: false, firstBroken: { seq: 3, reason: "previous_hash_mismatch" } });
  });

  it("names the missing sequence number when an entry was deleted", async () => {
    const chain = chainOf(5);
    chain.splice(3, 1);
    expect(await verifyAuditChain(chain)).toMatchObject({ intact: false, firstBroken: { seq: 4, reason: "sequence_gap" } });
  });

  it("accepts an async source", async () => {
    async function* source() {
      yield* chainOf(3);
    }
    expect(await verifyAuditChain(source())).toMatchObject({ intact: true, entries: 3 });
  });
});
