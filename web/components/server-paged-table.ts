import type { RequestState } from "../api/use-request.ts";

/** One page of a list as the API returns it. */
export interface ListPage<T> {
  readonly items: readonly T[];
  readonly total: number;
}

/**
 * The Table props of a list paged on the server: the page's rows, the loading state, and a pager that shows
 * the list's total and asks for another page (`onPage` changes the request).
 */
export function serverPagedTable<T>(request: RequestState<ListPage<T>>, page: number, onPage: (page: number) => void, pageSize: number) {
  return {
    dataSource: request.status === "done" ? request.data.items : [],
    loading: request.status === "loading",
    pagination: {
      current: page,
      pageSize,
      total: request.status === "done" ? request.data.total : 0,
      showSizeChanger: false,
      onChange: onPage,
    },
  };
}
