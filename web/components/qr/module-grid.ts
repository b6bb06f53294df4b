/** A square of modules, row by row: 1 is dark, 0 is light. */
export interface ModuleGrid {
  /** Modules per side. */
  readonly size: number;
  /** `size`² entries; the module in row r, column c is at r·size + c. */
  readonly dark: Uint8Array;
}

export function isDarkAt(grid: ModuleGrid, row: number, column: number): boolean {
  return grid.dark[row * grid.size + column] === 1;
}
