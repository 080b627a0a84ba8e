export * from './ledger';
export { createFileLedger, type FileLedgerOptions } from './file-ledger';
