/**
 * CSV as RFC 4180 writes it (CRLF between records; a field with a comma, quote, CR or LF is quoted, its
 * quotes doubled), safe to open in a spreadsheet: a cell that would start a formula (`=`, `+`, `-`, `@`, or a
 * tab / CR that some spreadsheets skip first) is prefixed with `'` so it stays text (OWASP's CSV injection
 * advice). Pure.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** One field, neutralised and quoted as needed. */
export function csvField(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== value ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows (the first is usually the header) to one CSV document, ending with CRLF. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvField).join(',') + '\r\n').join('');
}
