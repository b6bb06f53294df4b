import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../../test/support/database.ts";
import type { Db } from "../../db/database.ts";
import { changeAlertStatus, detectSrbAlerts, foldBirthBatch, getAlertDetail, listAlertPage, refreshBirthAggregates } from "./service.ts";
import { DEFAULT_SURVEILLANCE_SETTINGS as SETTINGS } from "./surveillance-settings.ts";
import { birthsOf, insertBirthBatch, motherIdOf, resubmitBirth, type SyntheticBirth } from "./test-support/birth-batches.ts";

let t: TestDatabase;
let db: Db;
beforeAll(async () => {
  t = await openTestDatabase();
  db = t.db;
});
afterAll(async () => {
  await t.close();
});

/** The monthly counts of a source in a county, as comparable rows. */
async function monthlyCounts(county: string, source = "delivery") {
  return db
    .selectFrom("birth_agg_monthly")
    .select(["township_code", "month", "birth_order_group", "boys", "girls", "sex_unknown"])
    .where("region_code", "=", county)
    .where("source_type", "=", source as "delivery")
    .orderBy("township_code")
    .orderBy("month")
    .orderBy("birth_order_group")
    .execute();
}

async function agreement(county: string) {
  return db
    .selectFrom("birth_source_agreement_monthly")
    .select(["source_type", "other_source_type", "month", "township_code", "matched", "compared", "disagreed"])
    .where("region_code", "=", county)
    .orderBy("source_type")
    .orderBy("other_source_type")
    .orderBy("month")
    .execute();
}

describe("folding birth batches into the monthly aggregates", () => {
  it("counts boys, girls and unknown sex per township, month and birth-order group", async () => {
    const births: SyntheticBirth[] = [
      { division: "370406101", birthDate: "2024-03-05", sex: "male", order: 1 },
      { division: "370406101", birthDate: "2024-03-20", sex: "female", order: 1 },
      { division: "370406101", birthDate: "2024-03-21", sex: "male", order: 2 },
      { division: "370406101001", birthDate: "2024-03-22", sex: "male", order: 4 },
      { division: "370406101", birthDate: "2024-04-01", sex: null },
      { division: "370406102", birthDate: "2024-03-09", sex: "unknown", order: 3 },
      { division: "370406", birthDate: "2024-03-09", sex: "female", order: 1 },
      { division: "370406102", birthDate: null, sex: "male", order: 1 },
    ];
    const batchId = await insertBirthBatch(db, "delivery", births);
    const report = await refreshBirthAggregates(db, SETTINGS, { asOf: new Date("2024-06-15") });
    expect(report).toMatchObject({ batchesFolded: 1, recordsFolded: 8 });
    expect(await monthlyCounts("370406")).toEqual([
      { township_code: "", month: "2024-03-01", birth_order_group: "1", boys: 0, girls: 1, sex_unknown: 0 },
      { township_code: "370406101", month: "2024-03-01", birth_order_group: "1", boys: 1, girls: 1, sex_unknown: 0 },
      { township_code: "370406101", month: "2024-03-01", birth_order_group: "2", boys: 1, girls: 0, sex_unknown: 0 },
      { township_code: "370406101", month: "2024-03-01", birth_order_group: "3+", boys: 1, girls: 0, sex_unknown: 0 },
      { township_code: "370406101", month: "2024-04-01", birth_order_group: "unknown", boys: 0, girls: 0, sex_unknown: 1 },
      { township_code: "370406102", month: "2024-03-01", birth_order_group: "3+", boys: 0, girls: 0, sex_unknown: 1 },
    ]);
    const folded = await db.selectFrom("birth_agg_batch").select(["births", "undated"]).where("batch_id", "=", batchId).executeTakeFirstOrThrow();
    expect(folded).toEqual({ births: 8, undated: 1 });
  });

  it("folds a batch exactly once, however often refresh runs, also concurrently", async () => {
    await insertBirthBatch(db, "delivery", birthsOf("370403102", "2024-01", 20, 12));
    await Promise.all([refreshBirthAggregates(db, SETTINGS), refreshBirthAggregates(db, SETTINGS)]);
    const again = await refreshBirthAggregates(db, SETTINGS);
    expect(again).toEqual({ batchesFolded: 0, recordsFolded: 0, alertsCreated: 0 });
    expect(await monthlyCounts("370403")).toEqual([{ township_code: "370403102", month: "2024-01-01", birth_order_group: "1", boys: 12, girls: 8, sex_unknown: 0 }]);
  });

  it("leaves loading batches and other sources alone", async () => {
    const loading = await insertBirthBatch(db, "delivery", birthsOf("370404101", "2024-01", 5, 5), { status: "loading" });
    const hukou = await insertBirthBatch(db, "hukou", birthsOf("370404101", "2024-01", 5, 5));
    await refreshBirthAggregates(db, SETTINGS);
    expect(await foldBirthBatch(db, loading)).toBeUndefined();
    expect(await foldBirthBatch(db, hukou)).toBeUndefined();
    expect(await monthlyCounts("370404")).toEqual([]);
  });

  it("folds a corrected row stored into a folded batch later, once", async () => {
    const batchId = await insertBirthBatch(db, "delivery", birthsOf("370405101", "2024-02", 3, 1), {
      quarantined: [{ division: "370405101", birthDate: null, sex: "male" }],
    });
    await refreshBirthAggregates(db, SETTINGS);
    await resubmitBirth(db, batchId, 5, { division: "370405101", birthDate: "2024-02-11", sex: "male", order: 1 });
    expect((await refreshBirthAggregates(db, SETTINGS)).recordsFolded).toBe(1);
    expect((await refreshBirthAggregates(db, SETTINGS)).recordsFolded).toBe(0);
    expect(await monthlyCounts("370405")).toEqual([{ township_code: "370405101", month: "2024-02-01", birth_order_group: "1", boys: 2, girls: 2, sex_unknown: 0 }]);
  });
});

describe("sex agreement between sources", () => {
  /** One delivery record per birth; certificates for the same births, one with the other sex, twins reordered. */
  function scenario(township: string, firstMother: number) {
    const mother = (i: number) => motherIdOf(firstMother + i);
    const delivery: SyntheticBirth[] = [
      { division: township, birthDate: "2024-05-02", sex: "male", order: 1, motherId: mother(0) },
      { division: township, birthDate: "2024-05-03", sex: "female", order: 1, motherId: mother(1) },
      { division: township, birthDate: "2024-05-04", sex: "male", order: 2, motherId: mother(2), plurality: 2 },
      { division: township, birthDate: "2024-05-04", sex: "female", order: 2, motherId: mother(2), plurality: 2 },
      { division: township, birthDate: "2024-05-05", sex: null, order: 1, motherId: mother(3) },
      { division: township, birthDate: "2024-05-06", sex: "male", order: 1, motherId: mother(4) },
    ];
    const certificates: SyntheticBirth[] = [
      { division: township, birthDate: "2024-05-02", sex: "male", motherId: mother(0) },
      { division: township, birthDate: "2024-05-03", sex: "male", motherId: mother(1) },
      { division: township, birthDate: "2024-05-04", sex: "female", motherId: mother(2) },
      { division: township, birthDate: "2024-05-04", sex: "male", motherId: mother(2) },
      { division: township, birthDate: "2024-05-05", sex: "female", motherId: mother(3) },
    ];
    return { delivery, certificates };
  }

  const expected = (township: string) => [
    { source_type: "birth_cert", other_source_type: "delivery", month: "2024-05-01", township_code: township, matched: 5, compared: 4, disagreed: 1 },
    { source_type: "delivery", other_source_type: "birth_cert", month: "2024-05-01", township_code: township, matched: 5, compared: 4, disagreed: 1 },
  ];

  it("compares a birth across sources by mother and date, twins by their composition", async () => {
    const { delivery, certificates } = scenario("370481105", 100);
    await insertBirthBatch(db, "delivery", delivery);
    await refreshBirthAggregates(db, SETTINGS);
    await insertBirthBatch(db, "birth_cert", certificates);
    await refreshBirthAggregates(db, SETTINGS);
    expect(await agreement("370481")).toEqual(expected("370481105"));
  });

  it("arrives at the same counts whatever order the sources' batches fold in", async () => {
    const { delivery, certificates } = scenario("370402001", 200);
    await insertBirthBatch(db, "birth_cert", certificates.slice(0, 3));
    await refreshBirthAggregates(db, SETTINGS);
    await insertBirthBatch(db, "delivery", delivery);
    await refreshBirthAggregates(db, SETTINGS);
    await insertBirthBatch(db, "birth_cert", certificates.slice(3));
    await refreshBirthAggregates(db, SETTINGS);
    expect(await agreement("370402")).toEqual(expected("370402001"));
  });
});

describe("alerts", () => {
  // 370481101 洪绪镇: 260 boys and 100 girls in 12 months (SRB 260) is far above the 99.8% limit.
  beforeAll(async () => {
    const births = Array.from({ length: 12 }, (_, i) => birthsOf("370481101", `2023-${String(i + 1).padStart(2, "0")}`, 30, i < 8 ? 25 : 15)).flat();
    await insertBirthBatch(db, "delivery", births);
    // Other tests put later births into the city; "now" in January makes December 2023 the month evaluated.
    await refreshBirthAggregates(db, SETTINGS, { asOf: new Date("2024-01-10") });
  });

  it("raises a funnel alarm with its numbers and explanation, once however often detection runs", async () => {
    const page = await listAlertPage(db, SETTINGS, { region: "370481101", method: "funnel" }, 50, 0);
    const alarm = page.items.find((item) => item.birthOrderGroup === "all")!;
    expect(alarm).toMatchObject({ level: "township", regionCode: "370481101", regionName: "洪绪镇", period: "2023-12", status: "new" });
    expect(alarm.numbers).toMatchObject({ boys: 260, girls: 100, windowStart: "2023-01", windowEnd: "2023-12" });
    expect(alarm.explanation.zh).toContain("洪绪镇近 12 个月（2023-01 至 2023-12）");
    expect(await detectSrbAlerts(db, SETTINGS, { asOf: new Date("2024-01-10") })).toBe(0);
    expect((await listAlertPage(db, SETTINGS, { region: "370481101", method: "funnel" }, 50, 0)).total).toBe(page.total);
  });

  it("records status changes as an append-only history whose latest entry is the alert's status", async () => {
    const [alert] = (await listAlertPage(db, SETTINGS, { region: "370481101" }, 1, 0)).items;
    await changeAlertStatus(db, SETTINGS, alert!.id, { status: "under_review" }, null);
    await expect(changeAlertStatus(db, SETTINGS, alert!.id, { status: "explained" }, null)).rejects.toMatchObject({ code: "alert_note_required", status: 400 });
    await expect(changeAlertStatus(db, SETTINGS, alert!.id, { status: "under_review" }, null)).rejects.toMatchObject({ code: "alert_status_unchanged" });
    const detail = await changeAlertStatus(db, SETTINGS, alert!.id, { status: "explained", note: "集中补录了 2022 年的分娩记录" }, null);
    expect(detail.status).toBe("explained");
    expect(detail.history.map((action) => [action.status, action.note])).toEqual([
      ["new", null],
      ["under_review", null],
      ["explained", "集中补录了 2022 年的分娩记录"],
    ]);
    expect((await getAlertDetail(db, SETTINGS, alert!.id, null)).status).toBe("explained");
  });

  it("refuses, in the database itself, a dismissal without a note and any change to the history", async () => {
    const [alert] = (await listAlertPage(db, SETTINGS, { region: "370481101" }, 1, 0)).items;
    await expect(db.insertInto("srb_alert_action").values({ alert_id: alert!.id, status: "dismissed", actor: null, note: " " }).execute()).rejects.toThrow(
      /srb_alert_action_note_required/,
    );
    await expect(sql`update srb_alert_action set note = 'x' where alert_id = ${alert!.id}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from srb_alert_action where alert_id = ${alert!.id}`.execute(db)).rejects.toThrow(/append-only/);
  });

  it("does not evaluate the current, incomplete month", async () => {
    await insertBirthBatch(db, "delivery", birthsOf("370481101", "2024-02", 40, 38));
    await refreshBirthAggregates(db, SETTINGS, { asOf: new Date("2024-02-20") });
    const page = await listAlertPage(db, SETTINGS, { region: "370481" }, 200, 0);
    expect(page.items.every((item) => item.period <= "2024-01")).toBe(true);
  });
});
