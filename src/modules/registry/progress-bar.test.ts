import { describe, expect, it } from "vitest";
import { renderProgressBar } from "./progress-bar.ts";

describe("renderProgressBar", () => {
  it("shows the share of bytes read, the rows and the rate", () => {
    const line = renderProgressBar({ phase: "reading", rowsRead: 50_000, bytesRead: 25, bytesTotal: 100 }, 10, 20);
    expect(line).toBe(`${"█".repeat(5)}${"░".repeat(15)}  25% 导入 importing 50,000 rows 5,000 rows/s`);
  });

  it("shows an empty bar before the size is known", () => {
    expect(renderProgressBar({ phase: "queued", rowsRead: 0, bytesRead: 0, bytesTotal: 0 }, 0, 4)).toBe("░░░░   0% 等待 queued 0 rows");
  });
});
