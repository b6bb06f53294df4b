/**
 * The Python virtual environment the linkage benchmarks run Splink in (bench/.venv, gitignored): created and
 * given `pip install splink` on first use, so a fresh machine needs only python3.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const VENV = fileURLToPath(new URL("../.venv", import.meta.url));

/** The venv's Python interpreter. */
export const SPLINK_PYTHON = join(VENV, "bin", "python");

export function ensureSplink(): void {
  if (!existsSync(SPLINK_PYTHON)) execFileSync("python3", ["-m", "venv", VENV], { stdio: "inherit" });
  try {
    execFileSync(SPLINK_PYTHON, ["-c", "import splink"], { stdio: "ignore" });
  } catch {
    execFileSync(join(VENV, "bin", "pip"), ["install", "--quiet", "splink"], { stdio: "inherit" });
  }
}
