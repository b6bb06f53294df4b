/**
 * How integration tests get a database, decided once per run by the global setup and handed to every test
 * file: a migrated embedded template to clone (default), or a PostgreSQL server (TEST_DATABASE_URL, used by
 * `npm run test:pg`) with a migrated template database to copy.
 */
export type TestDatabasePlan =
  | { readonly kind: "embedded"; readonly templateTarball: string }
  | { readonly kind: "server"; readonly adminUrl: string; readonly templateDatabase: string };

declare module "vitest" {
  export interface ProvidedContext {
    testDatabasePlan: TestDatabasePlan;
  }
}
