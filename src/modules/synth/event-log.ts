import { EventTable } from "./event-table.ts";
import type { TableSnapshot } from "./grow-typed-array.ts";

/**
 * What happened in the city during the span, as true event tables. One birth row per baby (twins share a
 * `delivery`, the row of the first twin); `township` is the residence at the event; `hospital` indexes
 * `Places.hospitals`; days are days since 1970-01-01.
 */
export const BIRTH_COLUMNS = [
  "child",
  "mother",
  "father",
  "day",
  "order",
  "deliveryOrder",
  "plurality",
  "twinIndex",
  "delivery",
  "township",
  "hospital",
  "weight",
  "weeks",
  "motherAge",
] as const;
export const DEATH_COLUMNS = ["person", "day", "cause", "place", "township", "age"] as const;
/** `office` is the county index of the registry office; townships are each spouse's before the marriage. */
export const MARRIAGE_COLUMNS = ["husband", "wife", "day", "office", "husbandTownship", "wifeTownship"] as const;
/** `reason` 0: the household moved; 1: moved to the spouse's household at marriage. */
export const MOVE_COLUMNS = ["person", "day", "from", "to", "reason"] as const;
/** `direction` 1 in, 2 out; `place` the county code of origin or destination; `hukou` 1 if the hukou moved too. */
export const MIGRATION_COLUMNS = ["person", "day", "direction", "place", "hukou"] as const;

export const MOVE_REASONS = ["household", "marriage"] as const;

export interface EventLog {
  readonly births: EventTable<(typeof BIRTH_COLUMNS)[number]>;
  readonly deaths: EventTable<(typeof DEATH_COLUMNS)[number]>;
  readonly marriages: EventTable<(typeof MARRIAGE_COLUMNS)[number]>;
  readonly moves: EventTable<(typeof MOVE_COLUMNS)[number]>;
  readonly migrations: EventTable<(typeof MIGRATION_COLUMNS)[number]>;
}

export function createEventLog(expectedPersons: number): EventLog {
  const n = Math.ceil(expectedPersons / 8);
  return {
    births: new EventTable(BIRTH_COLUMNS, n),
    deaths: new EventTable(DEATH_COLUMNS, n),
    marriages: new EventTable(MARRIAGE_COLUMNS, n / 2),
    moves: new EventTable(MOVE_COLUMNS, n / 2),
    migrations: new EventTable(MIGRATION_COLUMNS, n / 2),
  };
}

export type EventLogSnapshot = Readonly<Record<keyof EventLog, TableSnapshot>>;

export function snapshotEventLog(log: EventLog): EventLogSnapshot {
  return {
    births: log.births.snapshot(),
    deaths: log.deaths.snapshot(),
    marriages: log.marriages.snapshot(),
    moves: log.moves.snapshot(),
    migrations: log.migrations.snapshot(),
  };
}

export function restoreEventLog(snapshot: EventLogSnapshot): EventLog {
  return {
    births: EventTable.restore(BIRTH_COLUMNS, snapshot.births),
    deaths: EventTable.restore(DEATH_COLUMNS, snapshot.deaths),
    marriages: EventTable.restore(MARRIAGE_COLUMNS, snapshot.marriages),
    moves: EventTable.restore(MOVE_COLUMNS, snapshot.moves),
    migrations: EventTable.restore(MIGRATION_COLUMNS, snapshot.migrations),
  };
}
