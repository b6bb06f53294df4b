import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

describe("loadConfig", () => {
  it("defaults to loopback, port 8080, ./data and the demo", () => {
    expect(loadConfig({}, {})).toMatchObject({ host: "127.0.0.1", port: 8080, dataDir: "./data", demo: true });
  });

  it("prefers flags over environment variables", () => {
    const config = loadConfig({ port: "9000", dataDir: "/srv/a" }, { RENKOU_PORT: "7000", RENKOU_DATA_DIR: "/srv/b" });
    expect(config).toMatchObject({ port: 9000, dataDir: "/srv/a" });
  });

  it("reads DATABASE_URL and treats an empty one as unset", () => {
    expect(loadConfig({}, { DATABASE_URL: "postgres://u@localhost/db" }).databaseUrl).toBe("postgres://u@localhost/db");
    expect(loadConfig({}, { DATABASE_URL: "" }).databaseUrl).toBeUndefined();
  });

  it.each([
    [{ port: "http" }, {}, /port/],
    [{ port: "70000" }, {}, /port/],
    [{}, { DATABASE_URL: "not a url" }, /databaseUrl/],
    [{ logLevel: "loud" }, {}, /logLevel/],
  ])("rejects invalid settings, naming the setting (%j %j)", (flags, env, pattern) => {
    expect(() => loadConfig(flags, env)).toThrow(ConfigError);
    expect(() => loadConfig(flags, env)).toThrow(pattern);
  });
});
