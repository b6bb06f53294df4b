import type { ModuleGrid } from "./module-grid.ts";

/**
 * The dark modules as one SVG path, in module units shifted by `offset` (the quiet zone): each horizontal run
 * of dark modules is one rectangle, which keeps the path a few kilobytes even at version 10.
 */
export function svgPathOf(grid: ModuleGrid, offset: number): string {
  const commands: string[] = [];
  for (let row = 0; row < grid.size; row++) {
    let column = 0;
    while (column < grid.size) {
      if (grid.dark[row * grid.size + column] === 0) {
        column++;
        continue;
      }
      const start = column;
      while (column < grid.size && grid.dark[row * grid.size + column] === 1) column++;
      commands.push(`M${start + offset} ${row + offset}h${column - start}v1h${start - column}z`);
    }
  }
  return commands.join("");
}
