/**
 * Bulk loading with `COPY … FROM STDIN` on the connection a caller already holds.
 *
 * Why: the record-linkage engine loads up to a million rows into temporary tables. Inserting JSON chunks
 * makes the server parse every row twice (JSON, then the record); COPY's text format is parsed once and
 * streams, so the producer builds the next chunk while the server digests the previous one. Measured on the
 * 2-core dev machine, 1,000,000 rows × 8 text columns (~210 bytes a row) into a temporary table: the server
 * takes ~1.1–1.7 s by COPY against ~4.3–4.9 s by `json_populate_recordset` in 20,000-row chunks.
 *
 * Why it must be the same connection: temporary tables belong to one session. Kysely never exposes the
 * `pg` client behind `db.connection().execute(…)`, so `openServer` registers every client its pool opens,
 * keyed by backend process id, and `openCopyIn` asks the session for its `pg_backend_pid()` to find it.
 * A process id alone is not proof: another server in the same process can have a backend with the same id,
 * and the embedded engine always answers 42. So `openCopyIn` also writes a random token into a session
 * setting through `db` and reads it back through the candidate client; only a match is used. Anything
 * unregistered (a pool not opened by `openServer`) gets `undefined` and keeps using INSERTs.
 *
 * Why the embedded engine is never registered: COPY through pglite-socket breaks the session ("protocol
 * synchronization was lost"), so the embedded engine keeps plain INSERTs.
 *
 * Why our own `pg` submittable rather than pg-copy-streams: its Writable drops its connection when the
 * server reports an error and can then write to it from a 'drain' handler — an uncaught TypeError that
 * ends the process (brianc/node-pg-copy-streams#171, open) — exactly the bad-row case we must survive.
 * The COPY-in sub-protocol is three messages (PostgreSQL docs, "Frontend/Backend Protocol: COPY
 * Operations"): CopyData, CopyDone, CopyFail; after an error the server answers ReadyForQuery and drops
 * any CopyData still in flight, so the connection stays usable.
 */
import { randomUUID } from "node:crypto";
import type { Duplex } from "node:stream";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { sql } from "kysely";
import type pg from "pg";
import type { Db } from "./database.ts";

export type CopyChunks = Iterable<string | Buffer> | AsyncIterable<string | Buffer>;

export interface CopyIn {
  /**
   * Runs `statement` (`copy <table> (<cols>) from stdin`, any format it names), sends `chunks` with
   * back-pressure and resolves with the number of rows copied. A server error rejects with the server's
   * message and context (line and column — which quote the offending value: the row's data, so do not log
   * it where personal data must not go). An exception from `chunks` cancels the COPY (nothing is copied)
   * and rejects with that exception.
   */
  copyFrom(statement: string, chunks: CopyChunks): Promise<number>;
}

/**
 * The COPY loader for the connection `db` is bound to (call it inside `db.connection().execute`), or
 * undefined where COPY is not available: the embedded engine, or a pool not opened by `openServer`.
 */
export async function openCopyIn(db: Db): Promise<CopyIn | undefined> {
  const probe = randomUUID();
  const { rows } = await sql<{ pid: number }>`
    select pg_backend_pid() as pid, set_config(${PROBE_SETTING}, ${probe}, false) as probe`.execute(db);
  for (const client of sessionsByPid.get(rows[0]!.pid) ?? []) {
    if (await showsProbe(client, probe)) return new ClientCopyIn(client);
  }
  return undefined;
}

/** Called by `openServer` only (see the header comment for why the embedded engine is left out). */
export function registerCopyInSessions(pool: pg.Pool): void {
  pool.on("connect", (client) => {
    const pid = backendProcessId(client);
    if (pid === undefined) return;
    sessionsByPid.set(pid, new Set(sessionsByPid.get(pid)).add(client));
    client.once("end", () => unregister(pid, client));
  });
  pool.on("remove", (client) => {
    const pid = backendProcessId(client);
    if (pid !== undefined) unregister(pid, client);
  });
}

/** One value in COPY's text format: `\N` for null; backslash, tab, newline and carriage return escaped. */
export function copyTextValue(value: string | null): string {
  if (value === null) return "\\N";
  return SPECIAL_IN_TEXT.test(value) ? value.replace(SPECIAL_IN_TEXT_ALL, (c) => TEXT_ESCAPES[c]!) : value;
}

const SPECIAL_IN_TEXT = /[\\\t\n\r]/;
const SPECIAL_IN_TEXT_ALL = /[\\\t\n\r]/g;
const TEXT_ESCAPES: Readonly<Record<string, string>> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

const PROBE_SETTING = "renkou.copy_in_probe";

const sessionsByPid = new Map<number, ReadonlySet<pg.ClientBase>>();

function unregister(pid: number, client: pg.ClientBase): void {
  const remaining = new Set(sessionsByPid.get(pid));
  remaining.delete(client);
  if (remaining.size) sessionsByPid.set(pid, remaining);
  else sessionsByPid.delete(pid);
}

async function showsProbe(client: pg.ClientBase, probe: string): Promise<boolean> {
  try {
    const { rows } = await client.query<{ probe: string | null }>("select current_setting($1, true) as probe", [
      PROBE_SETTING,
    ]);
    return rows[0]?.probe === probe;
  } catch {
    return false; // another session, busy in a failed transaction: not ours either way
  }
}

/** `processID` is set from the server's BackendKeyData but missing from @types/pg. */
function backendProcessId(client: pg.ClientBase): number | undefined {
  const pid: unknown = (client as { processID?: unknown }).processID;
  return typeof pid === "number" ? pid : undefined;
}

const COPY_FROM_STDIN = /^\s*copy\s[\s\S]*\bfrom\s+stdin\b/i;

/** Sent to the server when the producer fails; fixed, because the producer's error may quote a record. */
const PRODUCER_FAILED = "renkou: the row producer failed, nothing copied";

class ClientCopyIn implements CopyIn {
  readonly #client: pg.ClientBase;

  constructor(client: pg.ClientBase) {
    this.#client = client;
  }

  async copyFrom(statement: string, chunks: CopyChunks): Promise<number> {
    if (!COPY_FROM_STDIN.test(statement)) {
      throw new Error(`copyFrom needs a COPY … FROM STDIN statement, got: ${statement.slice(0, 80)}`);
    }
    const query = new CopyFromStdinQuery(statement);
    this.#client.query(query);
    if (await query.started) {
      try {
        for await (const chunk of chunks) {
          if (!(await query.write(typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk))) break;
        }
      } catch (error) {
        if (!query.failed) {
          query.abort();
          await query.finished.catch(() => undefined); // the server has rolled the COPY back
          throw error;
        }
        // The server failed first; its error (below) is the cause, the producer's is a consequence.
      }
      if (!query.failed) query.end();
    }
    return query.finished;
  }
}

/**
 * One COPY FROM STDIN as a `pg` submittable: the client queues it like any query and forwards the
 * server's messages to the handle* methods; this class writes the COPY messages to the socket itself.
 */
class CopyFromStdinQuery implements pg.Submittable {
  /** true once the server waits for data; false if it failed before (unknown table or column). */
  readonly started: Promise<boolean>;
  /** Row count from CommandComplete, once the server is ready for the next query. */
  readonly finished: Promise<number>;
  readonly #text: string;
  #stream: Duplex | undefined;
  #rowCount: number | undefined;
  #failure: Error | undefined;
  #resolveStarted!: (started: boolean) => void;
  #resolveFinished!: (rowCount: number) => void;
  #rejectFinished!: (error: Error) => void;
  #wakeWriter: (() => void) | undefined;
  #previousChunkSent: Promise<void> | undefined;

  constructor(text: string) {
    this.#text = text;
    this.started = new Promise((resolve) => (this.#resolveStarted = resolve));
    this.finished = new Promise<number>((resolve, reject) => {
      this.#resolveFinished = resolve;
      this.#rejectFinished = reject;
    });
    this.finished.catch(() => undefined); // awaited by copyFrom; this only keeps an early failure handled
  }

  get failed(): boolean {
    return this.#failure !== undefined;
  }

  submit(connection: pg.Connection): void {
    this.#stream = connection.stream;
    connection.query(this.#text);
  }

  /**
   * Sends one CopyData message; false once the COPY has failed (stop producing). Returns before the socket
   * has taken the whole chunk, so the producer builds the next chunk meanwhile; the next call waits for it.
   */
  async write(chunk: Buffer): Promise<boolean> {
    await this.#previousChunkSent;
    const stream = this.#stream;
    if (this.#failure || !stream?.writable) return false;
    if (chunk.length > 0) {
      const header = Buffer.allocUnsafe(5);
      header[0] = 0x64; // 'd' CopyData
      header.writeUInt32BE(chunk.length + 4, 1);
      stream.cork();
      stream.write(header);
      const flowing = stream.write(chunk);
      stream.uncork();
      this.#previousChunkSent = flowing ? undefined : this.#drainOrFailure(stream);
    }
    // A loopback socket often takes whole chunks at once and then reports 'drain' without a trip through
    // the event loop; yielding lets the server's error (and the HTTP server's requests) in between chunks.
    await yieldToEventLoop();
    return !this.#failure;
  }

  /** CopyDone: the server commits the rows and answers CommandComplete "COPY n". */
  end(): void {
    if (this.#stream?.writable) this.#stream.write(Buffer.from([0x63, 0, 0, 0, 4])); // 'c' CopyDone
  }

  /** CopyFail: the server rolls the COPY back and answers with an error. */
  abort(): void {
    const message = Buffer.from(`${PRODUCER_FAILED}\0`, "utf8");
    const header = Buffer.allocUnsafe(5);
    header[0] = 0x66; // 'f' CopyFail
    header.writeUInt32BE(message.length + 4, 1);
    if (this.#stream?.writable) this.#stream.write(Buffer.concat([header, message]));
  }

  handleCopyInResponse(): void {
    this.#resolveStarted(true);
  }

  handleCommandComplete(message: { text?: string }): void {
    const match = /^COPY (\d+)/.exec(message.text ?? "");
    if (match) this.#rowCount = Number(match[1]);
  }

  handleReadyForQuery(): void {
    if (this.#rowCount === undefined) {
      this.#fail(new Error(`not a COPY FROM STDIN: ${this.#text.slice(0, 80)}`));
      return;
    }
    this.#resolveFinished(this.#rowCount);
  }

  /** A server ErrorResponse, a lost connection, or a query timeout; `pg` sends no ReadyForQuery after it. */
  handleError(error: Error): void {
    this.#fail(withServerContext(error));
  }

  // Messages a COPY FROM STDIN never produces; present so a misdirected statement cannot crash the client.
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}

  #fail(error: Error): void {
    this.#failure ??= error;
    this.#resolveStarted(false);
    this.#rejectFinished(this.#failure);
    this.#wakeWriter?.();
  }

  #drainOrFailure(stream: Duplex): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        stream.off("drain", wake);
        this.#wakeWriter = undefined;
        resolve();
      };
      this.#wakeWriter = wake;
      stream.once("drain", wake);
    });
  }
}

/** The server's message plus its context ("COPY t, line 3, column n: …"), which says where the bad row is. */
function withServerContext(error: Error): Error {
  const where: unknown = (error as { where?: unknown }).where;
  if (typeof where !== "string" || where === "") return error;
  return new Error(`${error.message} (${where})`, { cause: error });
}
