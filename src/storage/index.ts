export * from './ledger';
export { createFileLedger, LedgerDirectoryError, type FileLedger, type FileLedgerOptions } from './file-ledger';
