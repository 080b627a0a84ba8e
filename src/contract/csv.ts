/** CSV for the UIs' exports: core's one RFC 4180 writer (with the formula-injection guard), no zod attached. */
export { toCsv, csvCell, type CsvCell } from '../core/csv';
