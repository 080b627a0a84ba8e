export * from './ledger';
export { createFileLedger, LedgerDirectoryError, type FileLedger, type FileLedgerOptions } from './file-ledger';
export * from './notification-ledger';
export { createFileNotificationLedger, type FileNotificationLedgerOptions } from './file-notification-ledger';
export { memoryCursor, type NightlyCursorStore } from './cursor';
