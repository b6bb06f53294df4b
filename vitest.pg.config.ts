import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.ts";

// `npm run test:pg`: the same suites with every integration test on a PostgreSQL server
// (TEST_DATABASE_URL, an account allowed to create databases; .ci/run starts PostgreSQL 15 for it).
if (!process.env.TEST_DATABASE_URL) {
  throw new Error("npm run test:pg needs TEST_DATABASE_URL, e.g. postgres://renkou@127.0.0.1:5432/postgres");
}

export default mergeConfig(base, defineConfig({ test: { fileParallelism: true } }));
