/** An HTTP app on a fresh test database, with its log lines captured for assertions. */
import { Writable } from "node:stream";
import { buildHttpServer, type App } from "../../src/http/server.ts";
import { openTestDatabase, type TestDatabase } from "./database.ts";

export interface TestApp {
  readonly app: App;
  readonly database: TestDatabase;
  /** Every log line written so far, as raw text. */
  logText(): string;
  close(): Promise<void>;
}

export async function startTestApp(options: { webDist?: string } = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const lines: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString("utf8"));
      callback();
    },
  });
  const app = await buildHttpServer(
    { db: database.db, engine: database.engine, version: "test", demo: false, databaseState: () => "up" },
    { logLevel: "info", logStream, webDist: options.webDist ?? "/nonexistent-web-dist" },
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
