export * from './ledger';
export { createFileLedger, type FileLedgerOptions } from './file-ledger';
export { memoryCursor, type NightlyCursorStore } from './cursor';
