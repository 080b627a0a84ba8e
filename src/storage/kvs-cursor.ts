/** The nightly refresh's cursor in Forge KVS (one key; strongly consistent per key). */
import { kvs } from '@forge/kvs';
import type { NightlyCursorStore } from './cursor';

export function createKvsCursor(key = 'playbook:nightly-rollup:cursor'): NightlyCursorStore {
  return {
    async read() {
      const value = await kvs.get<unknown>(key);
      return typeof value === 'object' && value !== null && 'afterEpicId' in value && Number.isInteger(value.afterEpicId)
        ? (value.afterEpicId as number)
        : null;
    },
    async write(afterEpicId) {
      if (afterEpicId === null) await kvs.delete(key);
      else await kvs.set(key, { afterEpicId });
    },
  };
}
