/** Plan epic roll-ups: pure value + compare, the one-search/one-write refresh, the issue-event trigger. */
export * from './rollup';
export * from './refresh';
export * from './trigger';
