import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../../test/support/database.ts";
import { computeFieldFeatures } from "./field-features.ts";
import * as store from "./store.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
}, 60_000);
afterAll(async () => {
  await database.close();
});

async function countEqual(mode: store.LinkMode, values: Array<[0 | 1, string]>) {
  const layout: store.WorkspaceLayout = { mode, types: ["code"] };
  return database.db.connection().execute(async (db) => {
    await store.createWorkspace(db, layout);
    await store.insertRecords(db, layout, values.map(([side, value], rid) => ({ rid, side, recordId: String(rid), features: [computeFieldFeatures("code", value)] })));
    const counts = await store.countEqualValuePairs(db, mode, 0, "norm", "norm");
    await store.dropWorkspace(db);
    return counts;
  });
}

describe("countEqualValuePairs", () => {
  it("counts agreeing pairs within one file, leaving out missing values", async () => {
    expect(await countEqual("dedupe", [[0, "a"], [0, "a"], [0, "a"], [0, "b"], [0, ""]])).toEqual({ agreeing: 3, comparable: 6 });
  });

  it("counts agreeing pairs across two files", async () => {
    expect(await countEqual("link", [[0, "a"], [0, "a"], [0, "b"], [1, "a"], [1, "c"]])).toEqual({ agreeing: 2, comparable: 6 });
  });
});
