import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { loggablePath, scrubLogValue, scrubPersonalData } from "./log-redaction.ts";

const ID = "370402198506150028";
const LEGACY_ID = "370402850615002";
const NAME = "欧阳娜娜";
const PHONE = "13812345678";

describe("scrubPersonalData", () => {
  it.each([
    [`id ${ID} end`, "id [id] end"],
    [`id ${ID.slice(0, 17)}x`, "id [id]"],
    [`legacy ${LEGACY_ID}`, "legacy [id]"],
    [`call ${PHONE}`, "call [phone]"],
    [`name ${NAME} and 阿依古丽·买买提`, "name [han] and [han]"],
    ["batch 12345 of 20 rows", "batch 12345 of 20 rows"],
  ])("scrubs %s", (input, expected) => {
    expect(scrubPersonalData(input)).toBe(expected);
  });

  it("leaves longer digit runs (not ID-shaped) alone", () => {
    expect(scrubPersonalData("trace 1234567890123456789012")).toBe("trace 1234567890123456789012");
  });

  it("scrubs nested plain objects, arrays and errors", () => {
    const scrubbed = scrubLogValue({ a: [NAME, { b: ID }], err: new Error(`bad ${PHONE}`) });
    expect(JSON.stringify(scrubbed)).not.toMatch(new RegExp(`${NAME}|${ID}|${PHONE}`));
  });

  it("drops the query string from logged paths", () => {
    expect(loggablePath(`/api/v1/x?name=${NAME}&id=${ID}`)).toBe("/api/v1/x");
    expect(loggablePath(`/api/v1/persons/${ID}`)).toBe("/api/v1/persons/[id]");
  });
});

describe("HTTP logs", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it("never contain ID numbers, names or phone numbers from requests, including failed ones", async () => {
    await t.app.inject({ method: "GET", url: `/api/v1/divisions/search?q=${encodeURIComponent(NAME)}&x=${ID}&p=${PHONE}` });
    await t.app.inject({ method: "GET", url: `/api/v1/divisions/${ID}` });
    await t.app.inject({ method: "GET", url: `/api/v1/divisions/${LEGACY_ID}x` });
    await t.app.inject({
      method: "POST",
      url: `/api/v1/no-such-route/${encodeURIComponent(NAME)}`,
      headers: { "content-type": "application/json", "x-name": encodeURIComponent(NAME) },
      payload: JSON.stringify({ name: NAME, id: ID, phone: PHONE }),
    });
    const log = t.logText();
    expect(log).toContain("request completed"); // the requests were logged at all
    for (const secret of [ID, LEGACY_ID, NAME, encodeURIComponent(NAME), PHONE]) {
      expect(log, `log contains ${secret}`).not.toContain(secret);
    }
  });
});
