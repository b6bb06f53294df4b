import type { City } from "./city.ts";
import { yearOfDay } from "./civil-date.ts";
import type { EventLog } from "./event-log.ts";
import { drawGivenName } from "./given-names.ts";
import { drawUyghurOwnName, MIDDLE_DOT } from "./minority-names.ts";
import { NEVER } from "./person-table.ts";
import type { Delay, ResolvedProfile } from "./profile.ts";
import { Random } from "./random.ts";
import { COUNTIES } from "./zaozhuang.ts";

/**
 * Which department saw which event, and when: the completeness and delays of the profile turned into
 * per-event facts that the truth records and the extracts follow. A day after the extraction day means
 * "not yet" and is stored as NEVER — the department had not recorded it when the extract was taken.
 */
export interface Observations {
  /** Per birth row: day the hospital reported the delivery (住院分娩), or NEVER. */
  readonly hospitalReportDay: Int32Array;
  /** Per birth row: day the birth medical certificate was issued, or NEVER. */
  readonly certificateDay: Int32Array;
  readonly certificateNumber: string[];
  /** Per birth row: the given name written on the certificate ("" blank; may differ from the final name). */
  readonly certificateGivenName: string[];
  /** Per birth row: day the newborn was registered in the city's hukou (新生儿入户), or NEVER. */
  readonly registrationDay: Int32Array;
  /** Per death row: day the death was registered (死亡登记), or NEVER. */
  readonly deathReportDay: Int32Array;
  /** Per death row: day the hukou was cancelled (销户), or NEVER (still in the registry). */
  readonly cancellationDay: Int32Array;
  /** Per marriage row: 1 if the marriage registration is in the civil-affairs extract. */
  readonly marriageRecorded: Uint8Array;
}

/** Draws a delay in whole days: log-normal around the median, or around the late median for `lateShare`. */
export function drawDelay(random: Random, delay: Delay): number {
  const late = delay.lateShare > 0 && random.chance(delay.lateShare);
  return Math.max(0, Math.round(random.logNormal(late ? delay.lateMedianDays : delay.medianDays, delay.sigma)));
}

/**
 * Decides what each department recorded. Registers newborns in the city (persons.registered) as a side
 * effect: whether a child is in the household registry depends on whether it was registered.
 */
export function observeEvents(city: City, log: EventLog, resolved: ResolvedProfile, seed: number): Observations {
  const random = Random.derive(seed, "observations");
  const completeness = resolved.profile.completeness;
  const persons = city.persons;
  const end = city.extractionDay;
  const within = (day: number): number => (day <= end ? day : NEVER);

  const births = log.births;
  const n = births.size;
  const hospitalReportDay = new Int32Array(n).fill(NEVER);
  const certificateDay = new Int32Array(n).fill(NEVER);
  const certificateNumber = new Array<string>(n).fill("");
  const certificateGivenName = new Array<string>(n).fill("");
  const registrationDay = new Int32Array(n).fill(NEVER);
  const serials = new Int32Array(COUNTIES.length);
  for (let c = 0; c < serials.length; c++) serials[c] = 100000 + random.int(400000);
  const cityCounties = new Set(COUNTIES.map((c) => Number(c.code)));
  const child = births.col("child");
  const day = births.col("day");
  const delivery = births.col("delivery");
  const hospitalOf = births.col("hospital");

  for (let b = 0; b < n; b++) {
    const first = delivery[b]!;
    // A delivery is reported or not as a whole: both twins appear in the hospital's list, or neither.
    const reported = first === b ? random.chance(completeness.hospitalDeliveries.coverage) : hospitalReportDay[first] !== NEVER;
    if (reported) {
      hospitalReportDay[b] = first === b ? within(day[b]! + 1 + drawDelay(random, completeness.hospitalDeliveries.delay)) : hospitalReportDay[first]!;
    }
    const certificates = completeness.birthCertificates;
    if (random.chance(reported ? certificates.givenHospitalReport : certificates.withoutHospitalReport)) {
      const issued = within(day[b]! + drawDelay(random, certificates.delay));
      if (issued !== NEVER) {
        certificateDay[b] = issued;
        const hospital = city.places.hospitals[hospitalOf[b]!]!;
        const county = hospital.county < 0 ? 0 : hospital.county;
        serials[county] = serials[county]! + 1;
        certificateNumber[b] = `${certificateLetter(yearOfDay(issued))}37${county}${String(serials[county]).padStart(6, "0")}`;
        const c = child[b]!;
        if (!random.chance(certificates.nameBlank)) {
          certificateGivenName[b] = random.chance(certificates.nameProvisional) ? provisionalName(random, persons, c) : persons.given[c]!;
        }
      }
    }
    const c = child[b]!;
    if (!cityCounties.has(persons.idCounty[c]!)) continue;
    const registration = completeness.newbornRegistrations;
    if (!random.chance(certificateDay[b] !== NEVER ? registration.givenCertificate : registration.withoutCertificate)) continue;
    const registered = day[b]! + drawDelay(random, registration.delay);
    // Parents of a baby who died within days seldom register it.
    if (persons.deathDay[c]! <= registered && random.chance(0.9)) continue;
    if (persons.leftDay[c]! <= registered) continue;
    if (registered > end) continue;
    registrationDay[b] = registered;
    persons.registered[c] = 1;
    persons.registeredDay[c] = registered;
  }

  const deaths = log.deaths;
  const deathReportDay = new Int32Array(deaths.size).fill(NEVER);
  const cancellationDay = new Int32Array(deaths.size).fill(NEVER);
  const deceased = deaths.col("person");
  const deathDay = deaths.col("day");
  for (let d = 0; d < deaths.size; d++) {
    if (random.chance(completeness.deathRegistrations.coverage)) {
      deathReportDay[d] = within(deathDay[d]! + drawDelay(random, completeness.deathRegistrations.delay));
    }
    const p = deceased[d]!;
    const registry = completeness.householdRegistry;
    if (persons.registered[p] === 1 && persons.registeredDay[p]! <= deathDay[d]! && random.chance(registry.deathCancelled)) {
      cancellationDay[d] = within(deathDay[d]! + drawDelay(random, registry.cancellationDelay));
    }
  }

  const marriages = log.marriages;
  const marriageRecorded = new Uint8Array(marriages.size);
  const office = marriages.col("office");
  for (let m = 0; m < marriages.size; m++) {
    if (office[m]! >= 0 && random.chance(completeness.marriageRegistrations.coverage)) marriageRecorded[m] = 1;
  }

  return {
    hospitalReportDay,
    certificateDay,
    certificateNumber,
    certificateGivenName,
    registrationDay,
    deathReportDay,
    cancellationDay,
    marriageRecorded,
  };
}

/** A name the parents chose first and changed before registering: same style, another name. */
function provisionalName(random: Random, persons: City["persons"], child: number): string {
  const given = persons.given[child]!;
  const dot = given.indexOf(MIDDLE_DOT);
  if (dot >= 0) return drawUyghurOwnName(random, persons.sex[child]!) + given.slice(dot);
  return drawGivenName(random, persons.sex[child]!, persons.birthYear[child]!);
}

/** Certificate series letters advance by year (a synthetic convention, P = 2015). */
function certificateLetter(year: number): string {
  return String.fromCharCode(65 + ((year - 2015 + 15 + 26 * 4) % 26));
}
