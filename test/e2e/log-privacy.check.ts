import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_SERVER_LOG } from "./e2e-users.ts";
import { E2E_CITY_DIR } from "./seed-e2e-city.ts";

// Runs after every other browser test (playwright.config.ts: the "log-privacy" project depends on "console"):
// the server's whole log must hold none of the synthetic city's names or ID numbers (DOMAIN.md §8: logs never
// contain personal data). The check first makes the server log requests that carry an ID number and a name in
// their path and query, as a careless client would, so that it cannot pass merely because nothing personal
// ever reached the server.

interface Person {
  readonly name: string;
  readonly idNumber: string;
}

function readTruthPersons(): Person[] {
  const [header, ...lines] = readFileSync(join(E2E_CITY_DIR, "truth", "persons.csv"), "utf8").trimEnd().split("\n");
  const columns = header!.split(",");
  const at = (name: string) => {
    const index = columns.indexOf(name);
    if (index === -1) throw new Error(`truth/persons.csv has no column ${name}`);
    return index;
  };
  const [surname, givenName, idNumber] = [at("surname"), at("given_name"), at("id_number")];
  return lines.map((line) => {
    // Truth values are plain (no quoted commas in names or ID numbers).
    const cells = line.split(",");
    return { name: `${cells[surname]}${cells[givenName]}`, idNumber: cells[idNumber] ?? "" };
  });
}

test("the server log holds no generated name or ID number", async ({ request }) => {
  const persons = readTruthPersons();
  expect(persons.length).toBeGreaterThan(1000);
  const probe = persons.find((person) => person.idNumber.length === 18 && [...person.name].length >= 3)!;
  for (const url of [
    `/api/v1/registry/batches?sourceType=${probe.idNumber}`,
    `/api/v1/registry/batches/${encodeURIComponent(probe.name)}`,
    `/api/v1/divisions/search?q=${encodeURIComponent(probe.name)}&id=${probe.idNumber}`,
  ]) {
    const response = await request.get(url);
    expect(response.status()).toBeGreaterThanOrEqual(400);
  }

  // pino writes asynchronously: wait until the probes' lines are in the file.
  const log = () => readFileSync(E2E_SERVER_LOG, "utf8");
  await expect.poll(() => log().split("/api/v1/divisions/search").length - 1, { timeout: 10_000 }).toBeGreaterThan(0);
  const text = log();
  expect(text.split("\n").filter((line) => line.includes('"path":"/api/v1/')).length).toBeGreaterThan(20);

  const leaks: string[] = [];
  for (const person of persons) {
    if (person.idNumber !== "" && text.includes(person.idNumber)) leaks.push(`ID number of a person named ${[...person.name][0]}*`);
    // Two-character names are common words too; every name is looked for as written and percent-encoded.
    for (const form of [person.name, encodeURIComponent(person.name)]) {
      if ([...person.name].length >= 2 && text.includes(form)) leaks.push(`name ${[...person.name][0]}* (${form === person.name ? "as written" : "percent-encoded"})`);
    }
  }
  expect(leaks, `personal data in ${E2E_SERVER_LOG}`).toEqual([]);
});
