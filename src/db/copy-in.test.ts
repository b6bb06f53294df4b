import { EventEmitter } from "node:events";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, testDatabasePlan, type TestDatabase } from "../../test/support/database.ts";
import { copyTextValue, openCopyIn, registerCopyInSessions, type CopyIn } from "./copy-in.ts";
import type { Db } from "./database.ts";
import type { DatabaseSchema } from "./schema.ts";

describe("copyTextValue", () => {
  it.each([
    ["null", null, "\\N"],
    ["a plain value", "张三", "张三"],
    ["the empty string (not null)", "", ""],
    ["a backslash", "a\\b", "a\\\\b"],
    ["a tab", "a\tb", "a\\tb"],
    ["a newline", "a\nb", "a\\nb"],
    ["a carriage return", "a\r\nb", "a\\r\\nb"],
    ["the text \\N (a value, not null)", "\\N", "\\\\N"],
    ["the end-of-data marker \\.", "\\.", "\\\\."],
  ])("escapes %s", (_name, value, expected) => {
    expect(copyTextValue(value)).toBe(expected);
  });
});

const plan = testDatabasePlan();

describe.runIf(plan.kind === "embedded")("openCopyIn on the embedded engine", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it("returns undefined: COPY through pglite-socket would break the session", async () => {
    await database.db.connection().execute(async (connection) => {
      expect(await openCopyIn(connection)).toBeUndefined();
    });
  });
});

describe.runIf(plan.kind === "server")("openCopyIn on a PostgreSQL server", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  /** Runs `body` on one connection with a fresh temporary table `copy_t (id int not null, name text, note text)`. */
  function onConnection<T>(body: (connection: Db, copyIn: CopyIn) => Promise<T>): Promise<T> {
    return database.db.connection().execute(async (connection) => {
      await sql`create temporary table copy_t (id int not null, name text, note text)`.execute(connection);
      try {
        const copyIn = await openCopyIn(connection);
        if (!copyIn) throw new Error("openCopyIn found no client for a connection of openServer's pool");
        return await body(connection, copyIn);
      } finally {
        await sql`drop table if exists copy_t`.execute(connection);
      }
    });
  }

  async function countRows(connection: Db): Promise<number> {
    const { rows } = await sql<{ n: number }>`select count(*) as n from copy_t`.execute(connection);
    return rows[0]!.n;
  }

  function row(id: number | string, name: string | null, note: string | null): string {
    return `${id}\t${copyTextValue(name)}\t${copyTextValue(note)}\n`;
  }

  function* chunksOf(total: number, size: number, line: (id: number) => string): Generator<string> {
    for (let start = 1; start <= total; start += size) {
      let chunk = "";
      for (let id = start; id < Math.min(start + size, total + 1); id++) chunk += line(id);
      yield chunk;
    }
  }

  it("copies 100,000 rows from a generator of chunks into the connection's temporary table", async () => {
    const line = (id: number) => {
      if (id === 7) return row(id, null, "tab\there");
      if (id === 8) return row(id, "back\\slash", "line\nbreak");
      return row(id, `姓名${id}`, null);
    };
    await onConnection(async (connection, copyIn) => {
      const copied = await copyIn.copyFrom("copy copy_t (id, name, note) from stdin", chunksOf(100_000, 2_500, line));
      expect(copied).toBe(100_000);
      expect(await countRows(connection)).toBe(100_000);
      const { rows } = await sql<{ id: number; name: string | null; note: string | null }>`
        select id, name, note from copy_t where id in (1, 7, 8, 100000) order by id`.execute(connection);
      expect(rows).toEqual([
        { id: 1, name: "姓名1", note: null },
        { id: 7, name: null, note: "tab\there" },
        { id: 8, name: "back\\slash", note: "line\nbreak" },
        { id: 100_000, name: "姓名100000", note: null },
      ]);
    });
  });

  it("accepts Buffers, an async iterable and an empty input", async () => {
    async function* buffers() {
      yield Buffer.from(row(1, "甲", "a"), "utf8");
      yield Buffer.alloc(0);
      yield Buffer.from(row(2, "乙", "b"), "utf8");
    }
    await onConnection(async (connection, copyIn) => {
      expect(await copyIn.copyFrom("copy copy_t (id, name, note) from stdin", buffers())).toBe(2);
      expect(await copyIn.copyFrom("copy copy_t (id, name, note) from stdin", [])).toBe(0);
      expect(await countRows(connection)).toBe(2);
    });
  });

  it("rejects a bad value with the server's message naming line and column; the connection stays usable", async () => {
    const line = (id: number) => (id === 3 ? row("three", "丙", null) : row(id, "某", null));
    await onConnection(async (connection, copyIn) => {
      await expect(copyIn.copyFrom("copy copy_t (id, name, note) from stdin", chunksOf(10, 4, line))).rejects.toThrow(
        /invalid input syntax for type integer: "three".*line 3, column id/,
      );
      expect(await countRows(connection)).toBe(0);
    });
  });

  it("stops producing when the server rejects a row early in a long stream; the connection stays usable", async () => {
    const totalChunks = 200;
    let produced = 0;
    function* manyChunks() {
      const line = (id: number) => (id === 2 ? "2\tx\ty\tz\n" : row(id, "某", null)); // four fields on line 2
      for (const chunk of chunksOf(totalChunks * 10_000, 10_000, line)) {
        produced++;
        yield chunk;
      }
    }
    await onConnection(async (connection, copyIn) => {
      await expect(copyIn.copyFrom("copy copy_t (id, name, note) from stdin", manyChunks())).rejects.toThrow(
        /extra data after last expected column.*line 2/,
      );
      expect(await countRows(connection)).toBe(0);
    });
    expect(produced).toBeLessThan(totalChunks);
  });

  it("rejects a column the table does not have without reading the rows", async () => {
    let pulled = false;
    function* rows() {
      pulled = true;
      yield row(1, "甲", null);
    }
    await onConnection(async (connection, copyIn) => {
      await expect(copyIn.copyFrom("copy copy_t (id, nickname) from stdin", rows())).rejects.toThrow(
        /column "nickname" of relation "copy_t" does not exist/,
      );
      expect(pulled).toBe(false);
      expect(await countRows(connection)).toBe(0);
    });
  });

  it("cancels the COPY when the producer throws: nothing is copied and the producer's error is thrown", async () => {
    const failure = new Error("producer failed at chunk 3");
    function* failing() {
      yield row(1, "甲", null);
      yield row(2, "乙", null);
      throw failure;
    }
    await onConnection(async (connection, copyIn) => {
      await expect(copyIn.copyFrom("copy copy_t (id, name, note) from stdin", failing())).rejects.toBe(failure);
      expect(await countRows(connection)).toBe(0);
    });
  });

  it("rejects with the server's error when the server cancels a COPY waiting for a slow producer", async () => {
    async function* slow() {
      yield row(1, "甲", null);
      await new Promise((resolve) => setTimeout(resolve, 500));
      yield row(2, "乙", null);
    }
    await onConnection(async (connection, copyIn) => {
      await sql`set statement_timeout = 100`.execute(connection);
      await expect(copyIn.copyFrom("copy copy_t (id, name, note) from stdin", slow())).rejects.toThrow(
        /canceling statement due to statement timeout/,
      );
      await sql`reset statement_timeout`.execute(connection);
      expect(await countRows(connection)).toBe(0);
    });
  });

  it("refuses a statement that is not COPY … FROM STDIN", async () => {
    await onConnection(async (_connection, copyIn) => {
      await expect(copyIn.copyFrom("select 1", [])).rejects.toThrow(/COPY … FROM STDIN/);
    });
  });

  it("returns undefined on a connection of a pool not opened by openServer", async () => {
    const adminUrl = plan.kind === "server" ? plan.adminUrl : undefined;
    const pool = new pg.Pool({ connectionString: adminUrl, max: 1 });
    const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
    try {
      await db.connection().execute(async (connection) => {
        expect(await openCopyIn(connection)).toBeUndefined();
      });
    } finally {
      await db.destroy();
    }
  });

  // Two servers (or the embedded engine, which always answers 42) can have backends with the same process id;
  // simulated here by a registered client of another session that claims the probed session's id.
  it("does not use a registered client of another session that has the same process id", async () => {
    const adminUrl = plan.kind === "server" ? plan.adminUrl : undefined;
    const db = new Kysely<DatabaseSchema>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: adminUrl, max: 1 }) }),
    });
    const otherSession = new pg.Client({ connectionString: adminUrl });
    await otherSession.connect();
    try {
      await db.connection().execute(async (connection) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(connection);
        Object.assign(otherSession, { processID: rows[0]!.pid });
        const registeringPool = new EventEmitter() as pg.Pool;
        registerCopyInSessions(registeringPool);
        registeringPool.emit("connect", otherSession);
        expect(await openCopyIn(connection)).toBeUndefined();
      });
    } finally {
      await otherSession.end();
      await db.destroy();
    }
  });
});
