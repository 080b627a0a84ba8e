import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { installForgeKvs, type ForgeKvsInstallation } from '../../src/local/kvs';
import { createFileLedger, type PlanLedger } from '../../src/storage';
import { createKvsLedger } from '../../src/storage/kvs-ledger';

interface Clock {
  now: () => number;
  advance: (ms: number) => void;
}

function fakeClock(start = 1_700_000_000_000): Clock {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

const dirs: string[] = [];
let kvsInstall: ForgeKvsInstallation | null = null;
afterEach(() => {
  kvsInstall?.uninstall();
  kvsInstall = null;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const implementations: [string, (clock: Clock) => PlanLedger][] = [
  [
    'file ledger',
    (clock) => {
      const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-'));
      dirs.push(directory);
      return createFileLedger({ directory, now: clock.now });
    },
  ],
  [
    'Forge KVS ledger (real @forge/kvs through the local KVS seam)',
    (clock) => {
      kvsInstall = installForgeKvs({ now: clock.now });
      return createKvsLedger({ now: clock.now });
    },
  ],
];

describe.each(implementations)('%s', (_name, make) => {
  it('gives the lease to exactly one of many concurrent claimants', async () => {
    const clock = fakeClock();
    const ledger = make(clock);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => ledger.claim('plan "A"/1', `owner-${i}`, 60_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('lets the holder renew, refuses others until release or expiry', async () => {
    const clock = fakeClock();
    const ledger = make(clock);
    expect(await ledger.claim('p', 'a', 30_000)).toBe(true);
    expect(await ledger.claim('p', 'a', 30_000)).toBe(true);
    expect(await ledger.claim('p', 'b', 30_000)).toBe(false);
    await ledger.release('p', 'b'); // not the holder: no effect
    expect(await ledger.claim('p', 'b', 30_000)).toBe(false);
    await ledger.release('p', 'a');
    expect(await ledger.claim('p', 'b', 30_000)).toBe(true);
    clock.advance(31_000);
    expect(await ledger.claim('p', 'c', 30_000)).toBe(true);
  });

  it('merges record patches and reads them back', async () => {
    const clock = fakeClock();
    const ledger = make(clock);
    expect(await ledger.read('p')).toBeNull();
    await ledger.record('p', { epic: { id: '10', key: 'OUT-1' }, pending: { epic: false, steps: [1, 2], since: clock.now() } });
    clock.advance(5);
    const merged = await ledger.record('p', { steps: { '1': { id: '11', key: 'OUT-2' } }, pending: null });
    expect(merged).toMatchObject({ planId: 'p', epic: { key: 'OUT-1' }, steps: { '1': { key: 'OUT-2' } }, pending: null, updatedAt: clock.now() });
    expect(await ledger.read('p')).toEqual(merged);
    expect(await ledger.read('other')).toBeNull();
  });
});

describe('Forge KVS ledger: a lease whose expiresAt passed is taken over, even while KVS still holds the key (TTL deletion lags)', () => {
  it('takes over an expired lease; a live one stays its holder’s', async () => {
    const clock = fakeClock();
    // KVS's own clock stands still: the lock key is never deleted by its TTL, as when deletion lags by hours.
    kvsInstall = installForgeKvs({ now: () => 1_700_000_000_000 });
    const ledger = createKvsLedger({ now: clock.now });
    expect(await ledger.claim('p', 'a', 30_000)).toBe(true);
    clock.advance(10_000);
    expect(await ledger.claim('p', 'b', 30_000)).toBe(false);
    clock.advance(21_000);
    expect(await ledger.claim('p', 'b', 30_000)).toBe(true);
    expect(await ledger.claim('p', 'a', 30_000)).toBe(false);
  });
});
