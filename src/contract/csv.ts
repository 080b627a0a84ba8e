/** The CSV writer the UIs export with (pure, no dependencies; defined in the core). */
export { csvField, toCsv } from '../core/csv';
