/**
 * One CSV cell as text that is safe to open in a spreadsheet (DESIGN.md §9):
 * 1. Formula injection (OWASP "CSV Injection"): a cell starting with = + - @, or with a tab or carriage
 *    return, is run as a formula by Excel and LibreOffice; a leading apostrophe makes it plain text.
 *    surveillance output never writes negative numbers (counts and ratios are ≥ 0), so no number is altered.
 * 2. RFC 4180 quoting: a cell holding a comma, a double quote or a line break is enclosed in double quotes
 *    with inner quotes doubled.
 */
const FORMULA_TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r"]);
const NEEDS_QUOTING = /[",\r\n]/;

export function escapeCsvCell(value: string): string {
  const neutralised = neutraliseFormula(value);
  return NEEDS_QUOTING.test(neutralised) ? `"${neutralised.replaceAll('"', '""')}"` : neutralised;
}

/** Step 1 alone, for text cells of an XLSX workbook (which needs no quoting). */
export function neutraliseFormula(value: string): string {
  return value.length > 0 && FORMULA_TRIGGERS.has(value[0]!) ? `'${value}` : value;
}
