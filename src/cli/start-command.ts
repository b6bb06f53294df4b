import { ConfigError, loadConfig } from "../config.ts";
import { DataDirLockedError } from "../db/embedded/data-dir-lock.ts";
import { startServer } from "../main.ts";
import { createFirstRunSetupLink } from "../modules/access/setup-service.ts";
import { startDemo } from "../modules/demo/start-demo.ts";
import { EXIT_FAILURE, EXIT_OK, type CliCommand } from "./command.ts";
import { parseFlags } from "./parse-flags.ts";

export const startCommand: CliCommand = {
  name: ["start"],
  summary: { zh: "启动服务器和控制台", en: "Start the server and the console" },
  usage: `renkou start [--data-dir DIR] [--port N] [--host ADDR] [--no-demo] [--log-level LEVEL]

  --data-dir DIR   embedded database directory (default ./data; ignored when DATABASE_URL is set)
  --port N         port to listen on (default 8080)
  --host ADDR      address to listen on (default 127.0.0.1)
  --no-demo        do not seed the synthetic demo city into an empty embedded database
  --log-level L    fatal | error | warn | info | debug | trace | silent`,
  async run(args, io) {
    const { values } = parseFlags(args, {
      "data-dir": { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
      demo: { type: "boolean" },
      "log-level": { type: "string" },
    });
    let config;
    try {
      config = loadConfig(
        { dataDir: values["data-dir"], port: values.port, host: values.host, demo: values.demo, logLevel: values["log-level"] },
        io.env,
      );
    } catch (error) {
      if (error instanceof ConfigError) {
        io.stderr.write(`${error.message}\n`);
        return EXIT_FAILURE;
      }
      throw error;
    }
    let server;
    try {
      server = await startServer(config);
    } catch (error) {
      if (error instanceof DataDirLockedError) {
        io.stderr.write(`${error.message}\n`);
        return EXIT_FAILURE;
      }
      throw error;
    }
    io.stdout.write(
      `renkou ${server.database.engine === "embedded" ? "(嵌入式数据库 embedded database)" : "(PostgreSQL)"} ` +
        `${server.database.location}\n控制台 Console: ${server.url}/  接口文档 API docs: ${server.url}/docs\n`,
    );
    // Demo passwords and the setup link go to the terminal only, never to the log.
    if (server.demo.active) {
      await startDemo(server.database.db, server.demo, {
        engine: server.database.engine,
        workDir: config.dataDir,
        print: (line) => io.stdout.write(`${line}\n`),
      });
    }
    const setupLink = await createFirstRunSetupLink(server.database.db, server.url, { now: new Date(), demo: server.demo.active });
    if (setupLink) {
      io.stdout.write(`尚无系统管理员，请在 24 小时内打开此一次性链接完成初始化 No administrator yet; create the first one here (one-time link, 24 h):\n${setupLink}\n`);
    }
    return await new Promise<number>((resolve) => {
      let shuttingDown = false;
      const shutdown = (signal: string) => {
        if (shuttingDown) return;
        shuttingDown = true;
        server.app.log.info({ signal }, "shutting down");
        server.stop().then(
          () => resolve(EXIT_OK),
          (error: unknown) => {
            io.stderr.write(`shutdown failed: ${String(error)}\n`);
            resolve(EXIT_FAILURE);
          },
        );
      };
      process.once("SIGTERM", () => shutdown("SIGTERM"));
      process.once("SIGINT", () => shutdown("SIGINT"));
      server.database.onEngineCrash?.(() => {
        io.stderr.write("embedded database engine stopped unexpectedly; exiting\n");
        resolve(EXIT_FAILURE);
      });
    });
  },
};
