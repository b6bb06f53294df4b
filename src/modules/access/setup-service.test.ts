import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../../../test/support/test-app.ts";
import { decodeBase32 } from "./base32.ts";
import { ROLES } from "./roles.ts";
import { createDemoUsers, createFirstRunSetupLink } from "./setup-service.ts";
import { startAccessTestApp, testClock, type TestClock } from "./test-support/access-test-app.ts";
import { generateTotp } from "./totp.ts";

describe("first-run setup", () => {
  let t: TestApp;
  let clock: TestClock;
  beforeAll(async () => {
    clock = testClock(new Date("2025-06-01T08:00:00Z"));
    t = await startAccessTestApp({ clock });
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (url: string, payload: Record<string, unknown>) => t.app.inject({ method: "POST", url: `/api/v1${url}`, payload });
  const tokenOf = (link: string) => new URL(link).searchParams.get("token")!;
  const codeFor = (secret: string, at: Date) => {
    const decoded = decodeBase32(secret);
    return decoded.ok ? generateTotp(decoded.value, at) : "";
  };

  it("creates the first system administrator through the one-time link, which then stops working", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/v1/setup" })).json()).toEqual({ required: true });
    const link = await createFirstRunSetupLink(t.database.db, "http://127.0.0.1:8080/", { now: clock.now(), demo: false });
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:8080\/setup\?token=[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(link!);

    const enrolment = await post("/setup/totp", { token });
    expect(enrolment.statusCode).toBe(200);
    const { totpSecret, otpauthUri } = enrolment.json() as { totpSecret: string; otpauthUri: string };
    expect(otpauthUri).toContain(`secret=${totpSecret}`);
    expect((await post("/setup/totp", { token })).json()).toMatchObject({ totpSecret }); // a reload shows the same secret

    const form = { token, username: "admin", password: "First-Setup-2025", jurisdiction: "3704" };
    expect((await post("/setup/complete", { ...form, totp: codeFor(totpSecret, new Date(clock.now().getTime() + 300_000)) })).json()).toMatchObject({
      code: "totp_wrong",
    });
    const created = await post("/setup/complete", { ...form, totp: codeFor(totpSecret, clock.now()) });
    expect(created.statusCode, created.body).toBe(201);
    expect((await post("/setup/complete", { ...form, username: "admin2", totp: codeFor(totpSecret, clock.now()) })).json()).toMatchObject({
      code: "setup_token_invalid",
    });
    expect((await t.app.inject({ method: "GET", url: "/api/v1/setup" })).json()).toEqual({ required: false });
    expect(await createFirstRunSetupLink(t.database.db, "http://127.0.0.1:8080", { now: clock.now(), demo: false })).toBeUndefined();

    clock.advance(30_000); // the code used for setup may not sign in again
    const login = await post("/auth/login", { username: "admin", password: "First-Setup-2025", totp: codeFor(totpSecret, clock.now()) });
    expect(login.json()).toMatchObject({ grants: [{ role: "system_admin", jurisdiction: "3704" }] });
  });
});

describe("setup links", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startAccessTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it("retires the previous link when a new one is made", async () => {
    const now = new Date();
    const first = await createFirstRunSetupLink(t.database.db, "http://x", { now, demo: false });
    const second = await createFirstRunSetupLink(t.database.db, "http://x", { now, demo: false });
    const enrol = (link: string) =>
      t.app.inject({ method: "POST", url: "/api/v1/setup/totp", payload: { token: new URL(link).searchParams.get("token") } });
    expect((await enrol(first!)).json()).toMatchObject({ code: "setup_token_invalid" });
    expect((await enrol(second!)).statusCode).toBe(200);
  });

  it("is never made in demo mode", async () => {
    expect(await createFirstRunSetupLink(t.database.db, "http://x", { now: new Date(), demo: true })).toBeUndefined();
  });

  it("refuses an invented token", async () => {
    const response = await t.app.inject({ method: "POST", url: "/api/v1/setup/totp", payload: { token: "invented" } });
    expect(response.statusCode).toBe(403);
  });
});

describe("createDemoUsers", () => {
  let demo: TestApp;
  beforeAll(async () => {
    demo = await startAccessTestApp({ demo: true });
  });
  afterAll(async () => {
    await demo.close();
  });

  const login = (username: string, password: string) =>
    demo.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username, password } });

  let first: Awaited<ReturnType<typeof createDemoUsers>>;

  it("makes one demo user per role with a random password that signs in without a second factor", async () => {
    first = await createDemoUsers(demo.database.db);
    const users = first;
    expect(users.map((user) => user.role)).toEqual([...ROLES]);
    expect(users.map((user) => user.username)).toEqual(ROLES.map((role) => `demo_${role}`));
    const response = await login(users[4]!.username, users[4]!.password);
    expect(response.json()).toMatchObject({ demo: true, grants: [{ role: "case_worker", jurisdiction: "3704" }] });
  });

  it("gives new passwords at the next start, without duplicating grants", async () => {
    const before = first;
    const after = await createDemoUsers(demo.database.db);
    expect((await login(before[0]!.username, before[0]!.password)).statusCode).toBe(401);
    const response = await login(after[0]!.username, after[0]!.password);
    expect(response.json()).toMatchObject({ grants: [{ role: "system_admin" }] });
    expect((response.json() as { grants: unknown[] }).grants).toHaveLength(1);
  });
});
