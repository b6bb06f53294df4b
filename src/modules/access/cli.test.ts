import { PassThrough } from "node:stream";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT_FAILURE, EXIT_OK, type CliCommand } from "../../cli/command.ts";
import { findCommand, runCli } from "../../cli/main.ts";
import { openTestDatabase, type TestDatabase } from "../../../test/support/database.ts";
import { createAccessCommands } from "./cli.ts";
import { searchAuditEntries } from "./store.ts";

let database: TestDatabase;
let commands: readonly CliCommand[];

beforeAll(async () => {
  database = await openTestDatabase();
  commands = createAccessCommands(async () => ({ db: database.db, close: async () => {} }));
});
afterAll(async () => {
  await database.close();
});

async function run(args: string[], stdin = "") {
  const found = findCommand(args, commands);
  if (!found) throw new Error(`no command ${args.join(" ")}`);
  const input = new PassThrough();
  input.end(stdin);
  let out = "";
  let err = "";
  const stdout = new PassThrough().on("data", (chunk: Buffer) => (out += chunk.toString()));
  const stderr = new PassThrough().on("data", (chunk: Buffer) => (err += chunk.toString()));
  const code = await found.command.run(found.rest, { stdout, stderr, stdin: input, env: { USER: "operator" }, cwd: process.cwd() });
  return { code, out, err };
}

describe("renkou user add", () => {
  it("creates the user with a grant and prints the id, user name and TOTP secret as the last JSON line", async () => {
    const result = await run(
      ["user", "add", "--username", "First.Admin", "--role", "system_admin", "--jurisdiction", "3704", "--password-stdin", "--json"],
      "Admin-Secret-2025\n",
    );
    expect(result.code, result.err).toBe(EXIT_OK);
    const printed = JSON.parse(result.out.trim().split("\n").at(-1)!) as Record<string, string>;
    expect(Object.keys(printed)).toEqual(["id", "username", "totp_secret"]);
    expect(printed).toMatchObject({ username: "first.admin", totp_secret: expect.stringMatching(/^[A-Z2-7]{32}$/) });
    const [audit] = await searchAuditEntries(database.db, { action: "user.create", limit: 1 }, null);
    expect(audit).toMatchObject({ actorUsername: "cli:operator", actorRole: "cli", result: "success", regionCode: "3704" });
  });

  it("prints the secret and the otpauth URI for people without --json", async () => {
    const result = await run(["user", "add", "--username", "case.one", "--role", "case_worker", "--jurisdiction", "370406", "--password-stdin"], "Case-Secret-2025");
    expect(result.code).toBe(EXIT_OK);
    expect(result.out).toMatch(/Created user case\.one/);
    expect(result.out).toMatch(/otpauth:\/\/totp\/renkou:case\.one\?secret=[A-Z2-7]{32}/);
  });

  it.each([
    [["--username", "x.y", "--role", "analyst", "--jurisdiction", "3704"], "--password-stdin"],
    [["--username", "x.y", "--role", "wizard", "--jurisdiction", "3704", "--password-stdin"], "--role must be one of"],
    [["--role", "analyst", "--jurisdiction", "3704", "--password-stdin"], "--username is required"],
    [["--username", "x.y", "--role", "analyst", "--jurisdiction", "3704", "--password", "oops"], "Unknown option"],
  ])("refuses %j as bad usage (exit 2)", async (args, message) => {
    let err = "";
    const code = await runCli(["user", "add", ...args], {
      stdout: new PassThrough(),
      stderr: new PassThrough().on("data", (chunk: Buffer) => (err += chunk.toString())),
      stdin: new PassThrough(),
      env: {},
      cwd: process.cwd(),
    });
    expect(code).toBe(2);
    expect(err).toContain(message);
  });

  it("reports a weak password, a taken name and an unknown jurisdiction with exit 1", async () => {
    const add = (username: string, jurisdiction: string, password: string) =>
      run(["user", "add", "--username", username, "--role", "analyst", "--jurisdiction", jurisdiction, "--password-stdin"], password);
    expect(await add("weak.user", "3704", "short")).toMatchObject({ code: EXIT_FAILURE, err: expect.stringContaining("password_too_short") });
    expect(await add("case.one", "3704", "Another-Secret-2025")).toMatchObject({ code: EXIT_FAILURE, err: expect.stringContaining("username_taken") });
    expect(await add("lost.user", "379999", "Another-Secret-2025")).toMatchObject({ code: EXIT_FAILURE, err: expect.stringContaining("jurisdiction_unknown") });
  });
});

describe("renkou user list / disable / enable / reset-totp / reset-password / unlock", () => {
  it("lists users with status and grants", async () => {
    const result = await run(["user", "list"]);
    expect(result.out).toMatch(/^case\.one\tactive\tcase_worker@370406$/m);
  });

  it("disables and enables a user", async () => {
    await run(["user", "disable", "--username", "case.one"]);
    expect((await run(["user", "list"])).out).toMatch(/^case\.one\tdisabled/m);
    await run(["user", "enable", "--username", "case.one"]);
    expect((await run(["user", "list"])).out).toMatch(/^case\.one\tactive/m);
  });

  it("gives a new TOTP secret", async () => {
    const before = (await run(["user", "reset-totp", "--username", "case.one", "--json"])).out;
    const after = (await run(["user", "reset-totp", "--username", "case.one", "--json"])).out;
    expect(JSON.parse(before).totp_secret).not.toBe(JSON.parse(after).totp_secret);
  });

  it("sets a password from standard input and unlocks", async () => {
    expect((await run(["user", "reset-password", "--username", "case.one", "--password-stdin"], "Fresh-Secret-2025\n")).code).toBe(EXIT_OK);
    expect((await run(["user", "unlock", "--username", "case.one"])).code).toBe(EXIT_OK);
  });

  it("names an unknown user", async () => {
    expect(await run(["user", "disable", "--username", "nobody.here"])).toMatchObject({ code: EXIT_FAILURE, err: expect.stringContaining("user_not_found") });
  });
});

describe("renkou audit verify", () => {
  it("exits 0 on an intact chain and prints its head", async () => {
    const result = await run(["audit", "verify"]);
    expect(result.code).toBe(EXIT_OK);
    expect(result.out).toMatch(/Audit chain intact: \d+ entries, head seq \d+ hash [0-9a-f]{64}/);
  });

  it("exits 1 naming the first broken entry after tampering", async () => {
    const [entry] = await searchAuditEntries(database.db, { action: "user.disable", limit: 1 }, null);
    await sql`alter table audit_event disable trigger audit_event_no_update_or_delete`.execute(database.db);
    await sql`update audit_event set actor_username = 'someone.else' where seq = ${entry!.seq}`.execute(database.db);
    await sql`alter table audit_event enable trigger audit_event_no_update_or_delete`.execute(database.db);
    const result = await run(["audit", "verify"]);
    expect(result.code).toBe(EXIT_FAILURE);
    expect(result.err).toContain(`Audit chain broken at entry ${entry!.seq} (hash_mismatch)`);
    const json = await run(["audit", "verify", "--json"]);
    expect(JSON.parse(json.out)).toMatchObject({ intact: false, firstBroken: { seq: entry!.seq, reason: "hash_mismatch" } });
  });
});
