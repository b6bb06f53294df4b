/**
 * The first administrator, and the demo users. There is never a default password:
 * - Outside demo mode, while no system administrator exists, each start prints a one-time setup link on
 *   the terminal (never in the log). Its page enrols a TOTP secret (`beginSetup`) and creates the first
 *   system administrator (`completeSetup`); the link then stops working. A new start makes a new link and
 *   retires the old one.
 * - In demo mode, `createDemoUsers` gives one demo user per role a fresh random password at every start.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../db/database.ts";
import { parseDivisionCode } from "../../kernel/divisions.ts";
import { accessErrors } from "./access-errors.ts";
import { recordAudit } from "./audit-service.ts";
import { decodeBase32, encodeBase32 } from "./base32.ts";
import type { SetupCompleteRequest, TotpEnrolment } from "./model.ts";
import { checkPasswordRule, generatePassword, hashPassword } from "./password-hash.ts";
import { ROLES, type Role } from "./roles.ts";
import {
  countSystemAdmins,
  divisionExists,
  expireSetupTokens,
  findActiveGrants,
  findUsableSetupToken,
  findUserByUsername,
  insertGrant,
  insertSetupToken,
  insertUser,
  setSetupTotpSecret,
  updateUser,
  useSetupToken,
} from "./store.ts";
import { createTotpSecret, matchTotp, otpauthUri } from "./totp.ts";
import { TOTP_ISSUER } from "./user-service.ts";

export const SETUP_LINK_LIFETIME_MS = 24 * 60 * 60_000;
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function isSetupRequired(db: Db, demo: boolean): Promise<boolean> {
  return !demo && (await countSystemAdmins(db)) === 0;
}

/**
 * The setup link to print on the terminal, or undefined when none is needed (demo mode, or a system
 * administrator exists). `baseUrl` is the console's address, e.g. http://127.0.0.1:8080.
 */
export async function createFirstRunSetupLink(db: Db, baseUrl: string, context: { readonly now: Date; readonly demo: boolean }): Promise<string | undefined> {
  if (!(await isSetupRequired(db, context.demo))) return undefined;
  const token = randomBytes(32).toString("base64url");
  await db.transaction().execute(async (trx) => {
    await expireSetupTokens(trx, context.now);
    await insertSetupToken(trx, { tokenHash: hashToken(token), at: context.now, expiresAt: new Date(context.now.getTime() + SETUP_LINK_LIFETIME_MS) });
  });
  return `${baseUrl.replace(/\/+$/, "")}/setup?token=${token}`;
}

async function requireUsableToken(db: Db, token: string, now: Date) {
  const found = await findUsableSetupToken(db, hashToken(token), now);
  if (!found || !(await isSetupRequired(db, false))) throw accessErrors.setupTokenInvalid();
  return found;
}

/** The TOTP secret for the first administrator's authenticator; the same one again if the page reloads. */
export async function beginSetup(db: Db, token: string, now: Date): Promise<TotpEnrolment> {
  const found = await requireUsableToken(db, token, now);
  const secret = found.totpSecret ?? encodeBase32(createTotpSecret());
  if (found.totpSecret === null) await setSetupTotpSecret(db, hashToken(token), secret);
  return { totpSecret: secret, otpauthUri: otpauthUri({ issuer: TOTP_ISSUER, account: "system-admin", secretBase32: secret }) };
}

/** Creates the first system administrator once the one-time code proves the authenticator is enrolled. */
export async function completeSetup(
  db: Db,
  input: SetupCompleteRequest,
  context: { readonly now: Date; readonly clientAddress: string | null },
): Promise<{ readonly id: string; readonly username: string }> {
  const found = await requireUsableToken(db, input.token, context.now);
  if (found.totpSecret === null) throw accessErrors.setupNotEnrolled();
  const secret = decodeBase32(found.totpSecret);
  const step = secret.ok ? matchTotp(secret.value, input.totp, context.now) : undefined;
  if (step === undefined) throw accessErrors.totpWrong();
  const rule = checkPasswordRule(input.password, input.username);
  if (!rule.ok) throw accessErrors.passwordRule(rule.reason);
  const jurisdiction = parseDivisionCode(input.jurisdiction);
  if (!jurisdiction.ok || !(await divisionExists(db, jurisdiction.value.code))) throw accessErrors.unknownJurisdiction(input.jurisdiction);
  if (await findUserByUsername(db, input.username)) throw accessErrors.usernameTaken();
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    if (!(await useSetupToken(trx, hashToken(input.token), context.now))) throw accessErrors.setupTokenInvalid();
    const id = await insertUser(trx, { username: input.username, displayName: input.displayName, passwordHash, totpSecret: found.totpSecret!, isDemo: false });
    await insertGrant(trx, { userId: id, role: "system_admin", jurisdiction: jurisdiction.value.code, facility: null, grantedBy: "setup" });
    // The code just used may not sign in again (no replay).
    await updateUser(trx, id, { totpLastStep: step });
    await recordAudit(
      trx,
      {
        actorId: id,
        actorUsername: input.username,
        actorRole: "system_admin",
        action: "setup.first_admin",
        targetType: "user",
        targetId: id,
        regionCode: jurisdiction.value.code,
        result: "success",
        clientAddress: context.clientAddress,
        detail: { jurisdiction: jurisdiction.value.code },
      },
      context.now,
    );
    return { id, username: input.username };
  });
}

export interface DemoUser {
  readonly username: string;
  readonly role: Role;
  readonly password: string;
}

export const DEMO_FACILITY = "demo-hospital";

/**
 * One demo user per role (`demo_case_worker` …) in `jurisdiction` (the demo city by default), each with a
 * new random password: created on the first demo start, re-keyed, re-enabled and unlocked on later ones.
 * Demo users cannot sign in outside demo mode (auth-service.ts). Print the result on the terminal only.
 */
export async function createDemoUsers(db: Db, options: { readonly jurisdiction?: string; readonly now?: Date } = {}): Promise<DemoUser[]> {
  const jurisdiction = options.jurisdiction ?? "3704";
  const now = options.now ?? new Date();
  const users = await Promise.all(
    ROLES.map(async (role) => {
      const password = generatePassword();
      return { username: `demo_${role}`, role, password, passwordHash: await hashPassword(password) };
    }),
  );
  await db.transaction().execute(async (trx) => {
    for (const user of users) {
      const existing = await findUserByUsername(trx, user.username);
      if (existing) {
        await updateUser(trx, existing.id, { passwordHash: user.passwordHash, passwordChangedAt: now, disabledAt: null, unlocked: true });
        if ((await findActiveGrants(trx, [existing.id])).length > 0) continue;
      }
      const id =
        existing?.id ??
        (await insertUser(trx, { username: user.username, displayName: "", passwordHash: user.passwordHash, totpSecret: encodeBase32(createTotpSecret()), isDemo: true }));
      const facility = user.role === "hospital_reporter" ? DEMO_FACILITY : null;
      await insertGrant(trx, { userId: id, role: user.role, jurisdiction, facility, grantedBy: "demo" });
    }
    await recordAudit(
      trx,
      {
        actorId: null,
        actorUsername: "system",
        actorRole: null,
        action: "demo.users",
        targetType: "user",
        targetId: null,
        regionCode: jurisdiction,
        result: "success",
        clientAddress: null,
        detail: { users: users.length },
      },
      now,
    );
  });
  return users.map(({ username, role, password }) => ({ username, role, password }));
}
