/**
 * Composition root: configuration → database (opened and migrated) → HTTP server. Nothing else in the code
 * base decides which engine runs or which modules are mounted.
 */
import type { DestinationStream } from "pino";
import type { Config } from "./config.ts";
import { migrate } from "./db/migrate.ts";
import { openDatabase, type DatabaseConnection, type DatabaseTarget } from "./db/open-database.ts";
import { buildHttpServer, type App } from "./http/server.ts";
import { openDemoSession, type DemoSession } from "./modules/demo/demo-session.ts";
import { failInterruptedRuns } from "./modules/linkage/run-service.ts";
import { refreshBirthAggregates } from "./modules/surveillance/service.ts";

import { VERSION } from "./version.ts";

export { VERSION };

export function databaseTargetOf(config: Config): DatabaseTarget {
  return config.databaseUrl
    ? { kind: "server", url: config.databaseUrl, poolSize: config.poolSize }
    : { kind: "embedded", dataDir: config.dataDir };
}

export interface RunningServer {
  readonly app: App;
  readonly url: string;
  readonly database: DatabaseConnection;
  /** Whether this instance runs as the demo (src/modules/demo/demo-session.ts); may end while running. */
  readonly demo: DemoSession;
  /** Stops accepting requests, lets in-flight ones finish, then closes the database. */
  stop(): Promise<void>;
}

export async function startServer(
  config: Config,
  options: { logStream?: DestinationStream; webDist?: string } = {},
): Promise<RunningServer> {
  const database = await openDatabase(databaseTargetOf(config));
  let databaseUp = true;
  try {
    await migrate(database.db);
    if (database.engine === "embedded") await failInterruptedRuns(database.db);
    const demo = await openDemoSession(database.db, {
      engine: database.engine,
      databaseUrlSet: Boolean(config.databaseUrl),
      demoRequested: config.demo,
    });
    const app = await buildHttpServer(
      {
        db: database.db,
        engine: database.engine,
        version: VERSION,
        get demo() {
          return demo.active;
        },
        databaseState: () => (databaseUp ? "up" : "down"),
        async afterImportCommitted() {
          demo.endBecauseOfRealData();
          await refreshBirthAggregates(database.db);
        },
      },
      { logLevel: config.logLevel, logStream: options.logStream, webDist: options.webDist },
    );
    database.onEngineCrash?.((error) => {
      databaseUp = false;
      app.log.fatal({ err: error }, "embedded database engine stopped");
    });
    const url = await app.listen({ host: config.host, port: config.port });
    let stopped: Promise<void> | undefined;
    return {
      app,
      url,
      database,
      demo,
      stop: () => (stopped ??= app.close().then(() => database.close())),
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
