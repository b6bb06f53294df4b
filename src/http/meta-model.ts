import { z } from "zod";

/**
 * What the console needs to know about the running server before it draws anything: which modules exist
 * (navigation shows an entry only once its module does), whether this is the demo, and which engine runs.
 */
export const ModuleKey = z.enum([
  "overview",
  "registry",
  "linkage",
  "surveillance",
  "preconception",
  "benefits",
  "exchange",
  "indicators",
  "admin",
]);
export type ModuleKey = z.infer<typeof ModuleKey>;

export const ServerMeta = z.object({
  name: z.literal("renkou"),
  version: z.string(),
  modules: z.array(ModuleKey),
  demo: z.boolean(),
  database: z.enum(["embedded", "server"]),
});
export type ServerMeta = z.infer<typeof ServerMeta>;
