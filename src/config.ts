/**
 * Runtime configuration: command-line flags over environment variables over defaults, validated once at
 * start-up so that a typo fails loudly instead of running with a surprise.
 */
import { z } from "zod";

export const Config = z.object({
  /** Servers listen on loopback unless told otherwise: renkou holds sensitive personal information. */
  host: z.string().min(1).default("127.0.0.1"),
  port: z.coerce.number().int().min(0).max(65_535).default(8080),
  /** Embedded database directory, used when `databaseUrl` is not set. */
  dataDir: z.string().min(1).default("./data"),
  databaseUrl: z.string().url().optional(),
  /** Seed the synthetic demo city on an empty embedded database (never with a server database). */
  demo: z.boolean().default(true),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Pool size for a PostgreSQL server (the embedded engine always uses one connection). */
  poolSize: z.coerce.number().int().min(1).max(200).default(10),
});
export type Config = z.infer<typeof Config>;

export interface ConfigFlags {
  readonly host?: string | undefined;
  readonly port?: string | undefined;
  readonly dataDir?: string | undefined;
  readonly demo?: boolean | undefined;
  readonly logLevel?: string | undefined;
}

/** Environment variables renkou reads; documented in README.md. */
export const ENVIRONMENT_VARIABLES = {
  RENKOU_HOST: "address to listen on (default 127.0.0.1)",
  RENKOU_PORT: "port to listen on (default 8080)",
  RENKOU_DATA_DIR: "embedded database directory (default ./data)",
  DATABASE_URL: "PostgreSQL server connection string; when set, the embedded database is not used",
  RENKOU_LOG_LEVEL: "fatal | error | warn | info | debug | trace | silent (default info)",
  RENKOU_POOL_SIZE: "connections to a PostgreSQL server (default 10)",
} as const;

export function loadConfig(flags: ConfigFlags, env: NodeJS.ProcessEnv): Config {
  const parsed = Config.safeParse({
    host: flags.host ?? env.RENKOU_HOST,
    port: flags.port ?? env.RENKOU_PORT,
    dataDir: flags.dataDir ?? env.RENKOU_DATA_DIR,
    databaseUrl: env.DATABASE_URL || undefined,
    demo: flags.demo,
    logLevel: flags.logLevel ?? env.RENKOU_LOG_LEVEL,
    poolSize: env.RENKOU_POOL_SIZE,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join("; ")}`);
  }
  return parsed.data;
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}
