/**
 * `renkou user …` and `renkou audit verify`: account administration from the server's command line (the
 * first system administrator can be made this way; there is never a default password) and the audit-chain
 * check. Whoever can open the database is trusted; the audit trail names them `cli:<OS account>`.
 * Passwords are read from standard input only, never from the command line (it shows in `ps`).
 */
import { userInfo } from "node:os";
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliCommand, type CliIo } from "../../cli/command.ts";
import { parseFlags } from "../../cli/parse-flags.ts";
import { ConfigError, loadConfig } from "../../config.ts";
import type { Db } from "../../db/database.ts";
import { DataDirLockedError } from "../../db/embedded/data-dir-lock.ts";
import { migrate } from "../../db/migrate.ts";
import { openDatabase } from "../../db/open-database.ts";
import { AppError } from "../../http/app-error.ts";
import { databaseTargetOf } from "../../main.ts";
import type { Operator } from "./actor.ts";
import { verifyAuditTrail } from "./audit-service.ts";
import { Role } from "./model.ts";
import { createUser, getUserIdByUsername, listUsersFor, resetUserPassword, resetUserTotp, setUserDisabled, unlockUser } from "./user-service.ts";

const DATABASE_FLAGS = { "data-dir": { type: "string" }, json: { type: "boolean" } } as const;
const DATABASE_USAGE = `  --data-dir DIR    embedded database directory (default ./data; ignored when DATABASE_URL is set)
  --json            machine-readable output (the JSON object is the last line)`;

/** How a command reaches the database: the configured one (default), or a test's. */
export type CliDatabaseOpener = (io: CliIo, dataDir: string | undefined) => Promise<{ readonly db: Db; close(): Promise<void> }>;

/** The database of `--data-dir` or DATABASE_URL, migrated (a fresh directory works before the first start). */
const openConfiguredDatabase: CliDatabaseOpener = async (io, dataDir) => {
  const database = await openDatabase(databaseTargetOf(loadConfig({ dataDir }, io.env)));
  try {
    await migrate(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
};

/**
 * Opens the database, runs `work`, closes it. Expected failures (a locked data directory, bad
 * configuration, an AppError from a service) print their message and give exit code 1.
 */
async function withDatabase(open: CliDatabaseOpener, io: CliIo, dataDir: string | undefined, work: (db: Db) => Promise<number>): Promise<number> {
  let database;
  try {
    database = await open(io, dataDir);
  } catch (error) {
    if (error instanceof DataDirLockedError || error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n`);
      return EXIT_FAILURE;
    }
    throw error;
  }
  try {
    return await work(database.db);
  } catch (error) {
    if (error instanceof AppError) {
      io.stderr.write(`${error.code}: ${error.localised.zh} / ${error.localised.en}${error.detail ? ` (${error.detail})` : ""}\n`);
      return EXIT_FAILURE;
    }
    throw error;
  } finally {
    await database.close();
  }
}

function cliOperator(io: CliIo): Operator {
  return { kind: "cli", osUser: io.env.USER ?? io.env.LOGNAME ?? userInfo().username };
}

async function readPassword(io: CliIo): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const password = Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
  if (password === "") throw new UsageError("no password on standard input");
  return password;
}

function requireFlag(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === "") throw new UsageError(`--${flag} is required`);
  return value;
}

function requirePasswordStdin(given: boolean | undefined): void {
  if (!given) throw new UsageError("the password is read from standard input: pass --password-stdin (never on the command line)");
}

function writeEnrolment(io: CliIo, json: boolean | undefined, result: { id: string; username: string; totpSecret: string; otpauthUri: string }, heading: string) {
  if (json) {
    io.stdout.write(`${JSON.stringify({ id: result.id, username: result.username, totp_secret: result.totpSecret })}\n`);
    return;
  }
  io.stdout.write(
    `${heading} ${result.username} (${result.id})\n` +
      `动态验证码密钥（仅显示这一次，请录入身份验证器应用） TOTP secret (shown once; enter it in an authenticator app):\n` +
      `  ${result.totpSecret}\n  ${result.otpauthUri}\n`,
  );
}

const USER_ADD_USAGE = `renkou user add --username U --role R --jurisdiction CODE --password-stdin [--facility F] [--display-name N] [--json] [--data-dir DIR]

  --role R          one of ${Role.options.join(", ")}
  --jurisdiction    division code: 3704 city, 370406 county, 370406101 township
  --facility F      the facility of a hospital_reporter
  --password-stdin  read the password from standard input (required)
${DATABASE_USAGE}
  Prints the TOTP secret once, for enrolment in an authenticator app.`;

const AUDIT_VERIFY_USAGE = `renkou audit verify [--json] [--data-dir DIR]

${DATABASE_USAGE}
  Exit code 0 when the chain is intact, 1 naming the first broken entry. Keep the printed head
  (seq and hash) elsewhere: entries cut off the end can only be noticed against it.`;

/** The commands, reaching the database through `open` (tests pass their own database). */
export function createAccessCommands(open: CliDatabaseOpener = openConfiguredDatabase): readonly CliCommand[] {
  const userAddCommand: CliCommand = {
    name: ["user", "add"],
    summary: { zh: "创建用户并授予角色", en: "Create a user with a role in a jurisdiction" },
    usage: USER_ADD_USAGE,
    async run(args, io) {
      const { values } = parseFlags(args, {
        ...DATABASE_FLAGS,
        username: { type: "string" },
        role: { type: "string" },
        jurisdiction: { type: "string" },
        facility: { type: "string" },
        "display-name": { type: "string" },
        "password-stdin": { type: "boolean" },
      });
      const username = requireFlag(values.username, "username");
      const role = Role.safeParse(requireFlag(values.role, "role"));
      if (!role.success) throw new UsageError(`--role must be one of ${Role.options.join(", ")}`);
      const jurisdiction = requireFlag(values.jurisdiction, "jurisdiction");
      requirePasswordStdin(values["password-stdin"]);
      const password = await readPassword(io);
      return withDatabase(open, io, values["data-dir"], async (db) => {
        const created = await createUser(
          db,
          cliOperator(io),
          { username, displayName: values["display-name"] ?? "", password, grant: { role: role.data, jurisdiction, facility: values.facility } },
          new Date(),
        );
        writeEnrolment(io, values.json, created, "已创建用户 Created user");
        return EXIT_OK;
      });
    },
  };

  const userListCommand: CliCommand = {
    name: ["user", "list"],
    summary: { zh: "列出用户及其授权", en: "List users and their grants" },
    usage: `renkou user list [--json] [--data-dir DIR]\n\n${DATABASE_USAGE}`,
    async run(args, io) {
      const { values } = parseFlags(args, DATABASE_FLAGS);
      return withDatabase(open, io, values["data-dir"], async (db) => {
        const users = await listUsersFor(db, cliOperator(io), new Date());
        if (values.json) {
          io.stdout.write(`${JSON.stringify(users)}\n`);
          return EXIT_OK;
        }
        for (const user of users) {
          const status = user.disabled ? "disabled" : user.lockedUntil ? `locked until ${user.lockedUntil}` : "active";
          const grants = user.grants.map((grant) => `${grant.role}@${grant.jurisdiction}${grant.facility ? `/${grant.facility}` : ""}`).join(" ");
          io.stdout.write(`${user.username}\t${status}${user.demo ? " demo" : ""}\t${grants || "(no grants)"}\n`);
        }
        io.stdout.write(`${users.length} users\n`);
        return EXIT_OK;
      });
    },
  };

  function userActionCommand(
    word: string,
    summary: CliCommand["summary"],
    action: (db: Db, operator: Operator, userId: string, now: Date) => Promise<void>,
    done: string,
  ): CliCommand {
    return {
      name: ["user", word],
      summary,
      usage: `renkou user ${word} --username U [--data-dir DIR]`,
      async run(args, io) {
        const { values } = parseFlags(args, { ...DATABASE_FLAGS, username: { type: "string" } });
        const username = requireFlag(values.username, "username");
        return withDatabase(open, io, values["data-dir"], async (db) => {
          await action(db, cliOperator(io), await getUserIdByUsername(db, username), new Date());
          io.stdout.write(values.json ? `${JSON.stringify({ username, done: word })}\n` : `${done} ${username}\n`);
          return EXIT_OK;
        });
      },
    };
  }

  const userDisableCommand = userActionCommand(
    "disable",
    { zh: "停用用户（其会话立即结束）", en: "Disable a user (their sessions end)" },
    (db, operator, userId, now) => setUserDisabled(db, operator, userId, true, now),
    "已停用 Disabled",
  );

  const userEnableCommand = userActionCommand(
    "enable",
    { zh: "启用已停用的用户", en: "Enable a disabled user" },
    (db, operator, userId, now) => setUserDisabled(db, operator, userId, false, now),
    "已启用 Enabled",
  );

  const userUnlockCommand = userActionCommand(
    "unlock",
    { zh: "解除登录锁定", en: "End a user's sign-in lockout" },
    (db, operator, userId, now) => unlockUser(db, operator, userId, now),
    "已解锁 Unlocked",
  );

  const userResetTotpCommand: CliCommand = {
    name: ["user", "reset-totp"],
    summary: { zh: "重置用户的动态验证码密钥", en: "Give a user a new TOTP secret" },
    usage: `renkou user reset-totp --username U [--json] [--data-dir DIR]\n\n${DATABASE_USAGE}`,
    async run(args, io) {
      const { values } = parseFlags(args, { ...DATABASE_FLAGS, username: { type: "string" } });
      const username = requireFlag(values.username, "username");
      return withDatabase(open, io, values["data-dir"], async (db) => {
        const id = await getUserIdByUsername(db, username);
        const enrolment = await resetUserTotp(db, cliOperator(io), id, new Date());
        writeEnrolment(io, values.json, { id, username: username.trim().toLowerCase(), ...enrolment }, "已重置动态验证码 New TOTP secret for");
        return EXIT_OK;
      });
    },
  };

  const userResetPasswordCommand: CliCommand = {
    name: ["user", "reset-password"],
    summary: { zh: "重设用户密码", en: "Set a new password for a user" },
    usage: `renkou user reset-password --username U --password-stdin [--data-dir DIR]`,
    async run(args, io) {
      const { values } = parseFlags(args, { ...DATABASE_FLAGS, username: { type: "string" }, "password-stdin": { type: "boolean" } });
      const username = requireFlag(values.username, "username");
      requirePasswordStdin(values["password-stdin"]);
      const password = await readPassword(io);
      return withDatabase(open, io, values["data-dir"], async (db) => {
        await resetUserPassword(db, cliOperator(io), await getUserIdByUsername(db, username), password, new Date());
        io.stdout.write(`已重设密码 Password set for ${username}\n`);
        return EXIT_OK;
      });
    },
  };

  const auditVerifyCommand: CliCommand = {
    name: ["audit", "verify"],
    summary: { zh: "校验审计日志的哈希链", en: "Verify the audit trail's hash chain" },
    usage: AUDIT_VERIFY_USAGE,
    async run(args, io) {
      const { values } = parseFlags(args, DATABASE_FLAGS);
      return withDatabase(open, io, values["data-dir"], async (db) => {
        const report = await verifyAuditTrail(db);
        if (values.json) io.stdout.write(`${JSON.stringify(report)}\n`);
        else if (report.intact) {
          const head = report.head ? `, head seq ${report.head.seq} hash ${report.head.hash}` : "";
          io.stdout.write(`审计链完整 Audit chain intact: ${report.entries} entries${head}\n`);
        } else {
          io.stderr.write(
            `审计链在第 ${report.firstBroken.seq} 条记录处损坏 Audit chain broken at entry ${report.firstBroken.seq} ` +
              `(${report.firstBroken.reason}); ${report.entries} entries before it are intact\n`,
          );
        }
        return report.intact ? EXIT_OK : EXIT_FAILURE;
      });
    },
  };

  return [
    userAddCommand,
    userListCommand,
    userDisableCommand,
    userEnableCommand,
    userUnlockCommand,
    userResetTotpCommand,
    userResetPasswordCommand,
    auditVerifyCommand,
  ];
}

export const accessCommands: readonly CliCommand[] = createAccessCommands();
