/**
 * Test support: an HTTP app like test/support/test-app.ts, with a movable clock, sign-in limits and demo
 * mode chosen by the test.
 */
import { Writable } from "node:stream";
import { buildHttpServer } from "../../../http/server.ts";
import type { TestApp } from "../../../../test/support/test-app.ts";
import { openTestDatabase } from "../../../../test/support/database.ts";
import type { LoginPolicy } from "../login-guard.ts";
import { TEST_SCRYPT_COST } from "./signed-in-user.ts";

export interface TestClock {
  now(): Date;
  /** Moves the clock forward. */
  advance(milliseconds: number): void;
}

export function testClock(start = new Date()): TestClock {
  let time = start.getTime();
  return { now: () => new Date(time), advance: (milliseconds) => void (time += milliseconds) };
}

export async function startAccessTestApp(
  options: { readonly clock?: TestClock; readonly loginPolicy?: LoginPolicy; readonly demo?: boolean; readonly webDist?: string } = {},
): Promise<TestApp> {
  const database = await openTestDatabase();
  const lines: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString("utf8"));
      callback();
    },
  });
  const app = await buildHttpServer(
    { db: database.db, engine: database.engine, version: "test", demo: options.demo ?? false, databaseState: () => "up" },
    {
      logLevel: "info",
      logStream,
      webDist: options.webDist ?? "/nonexistent-web-dist",
      access: { now: options.clock?.now, loginPolicy: options.loginPolicy, decoyCost: TEST_SCRYPT_COST },
    },
  );
  await app.ready();
  return {
    app,
    database,
    logText: () => lines.join(""),
    async close() {
      await app.close();
      await database.close();
    },
  };
}
