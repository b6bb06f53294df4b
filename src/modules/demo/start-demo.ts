/**
 * What `renkou start` does in demo mode: fresh random passwords for one demo user per role, printed on the
 * terminal (never logged), and on an empty database the demo city seeded in the background while the server
 * already answers.
 */
import type { Db, DatabaseEngine } from "../../db/database.ts";
import { createDemoUsers } from "../access/setup-service.ts";
import { refreshBirthAggregates } from "../surveillance/service.ts";
import type { DemoSession } from "./demo-session.ts";
import { seedDemoCity } from "./seed-demo-city.ts";

export interface DemoStart {
  /** Settles when seeding is done (or at once when nothing needed seeding). */
  readonly seeded: Promise<void>;
}

export async function startDemo(
  db: Db,
  demo: DemoSession,
  options: { readonly engine: DatabaseEngine; readonly workDir: string; readonly print: (line: string) => void },
): Promise<DemoStart> {
  const users = await createDemoUsers(db);
  options.print("演示模式 DEMO MODE — 合成数据，演示账号（无需动态口令）demo accounts (no TOTP), synthetic data only:");
  const width = Math.max(...users.map((user) => user.username.length));
  for (const user of users) options.print(`  ${user.username.padEnd(width)}  ${user.password}`);
  if (!demo.needsSeeding) return { seeded: Promise.resolve() };
  options.print("正在生成并导入演示城市 Generating and importing the demo city in the background…");
  const seeded = seedDemoCity(db, {
    engine: options.engine,
    workDir: options.workDir,
    onProgress: (progress) => {
      if (progress.stage === "importing") options.print(`  导入 importing ${progress.detail}`);
    },
  })
    .then(async (result) => {
      await refreshBirthAggregates(db);
      options.print(
        `演示城市已就绪 Demo city ready: ${result.batches} batches, ${result.accepted.toLocaleString("en")} records, ` +
          `${result.quarantined.toLocaleString("en")} quarantined`,
      );
    })
    .catch((error: unknown) => {
      options.print(`演示城市导入失败 Demo city seeding failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  return { seeded };
}
