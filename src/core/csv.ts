/**
 * CSV text as RFC 4180 writes it (CRLF line ends; a field with a comma, quote or line break is quoted, its
 * quotes doubled), safe to open in a spreadsheet: a text cell starting with = + - @ (or a tab / carriage
 * return) would run as a formula there, so it is prefixed with an apostrophe (OWASP's CSV injection advice).
 */

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: numbers stay numbers (a negative number is a number, not a formula); text is neutralised and quoted. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = typeof value === 'boolean' ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of cells to CSV text (each record ends with CRLF, the header included). */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}
