/**
 * PGlite blocks the thread that runs it for the length of a query. renkou hosts it on a worker thread, so the
 * HTTP server keeps answering: /health must answer in under 100 ms while a 3-second query runs.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app.ts";

describe("database queries do not block the HTTP server", { timeout: 60_000 }, () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await startTestApp();
    url = await t.app.listen({ host: "127.0.0.1", port: 0 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("answers /health in under 100 ms while a 3-second query runs", async () => {
    await fetch(`${url}/health`); // warm up the HTTP client and the route once, outside the measure
    const longQuery = sql`select pg_sleep(3)`.execute(t.database.db);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the query is now running in the engine
    const timings: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const response = await fetch(`${url}/health`);
      timings.push(performance.now() - started);
      expect(response.status).toBe(200);
    }
    const stillRunning = await Promise.race([longQuery.then(() => false), Promise.resolve(true)]);
    await longQuery;
    expect(stillRunning).toBe(true);
    expect(Math.max(...timings), `timings ${timings.map((ms) => ms.toFixed(1)).join(", ")} ms`).toBeLessThan(100);
  });
});
