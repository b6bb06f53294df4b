import { describe, expect, it } from "vitest";
import { serverPagedTable } from "./server-paged-table.ts";

describe("serverPagedTable", () => {
  it("shows no rows while the page loads, then its rows and the list's total", () => {
    const pages: number[] = [];
    const loading = serverPagedTable<string>({ status: "loading" }, 3, (page) => pages.push(page), 20);
    expect(loading).toMatchObject({ dataSource: [], loading: true, pagination: { current: 3, pageSize: 20, total: 0 } });
    const done = serverPagedTable({ status: "done", data: { items: ["a", "b"], total: 42 } }, 3, (page) => pages.push(page), 20);
    expect(done).toMatchObject({ dataSource: ["a", "b"], loading: false, pagination: { total: 42, showSizeChanger: false } });
    done.pagination.onChange(4);
    expect(pages).toEqual([4]);
  });
});
