import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { installForgeKvs, type ForgeKvsInstallation } from '../../../src/local/kvs';
import { createFileNotificationLedger, type NotificationLedger } from '../../../src/storage';
import { createKvsNotificationLedger } from '../../../src/storage/kvs-notification-ledger';

const dirs: string[] = [];
let kvsInstall: ForgeKvsInstallation | null = null;
afterEach(() => {
  kvsInstall?.uninstall();
  kvsInstall = null;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

let t = 1_700_000_000_000;
const now = () => t;

const implementations: [string, () => NotificationLedger][] = [
  [
    'file notification ledger',
    () => {
      const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'notified-'));
      dirs.push(directory);
      return createFileNotificationLedger({ directory, now });
    },
  ],
  [
    'Forge KVS notification ledger (real @forge/kvs through the local KVS seam)',
    () => {
      kvsInstall = installForgeKvs({ now });
      return createKvsNotificationLedger({ now });
    },
  ],
];

const claim = (key: string) => ({ key, issueKey: 'OUT-2', rule: 'overdue', to: ['acc-1'] });

describe.each(implementations)('%s', (_name, make) => {
  it('exactly one of many concurrent claimants holds an occurrence; the others see it pending', async () => {
    const ledger = make();
    const key = 'op-out-1|3|overdue|due-2026-12-04-week-0';
    const results = await Promise.all(Array.from({ length: 8 }, () => ledger.claim(claim(key))));
    expect(results.filter((r) => r === null)).toHaveLength(1);
    expect(results.filter((r) => r?.state === 'pending')).toHaveLength(7);
  });

  it('pending → sent is what a later claim sees; release lets a later run claim again', async () => {
    const ledger = make();
    expect(await ledger.claim(claim('a|1|due-soon|x'))).toBeNull();
    t += 1000;
    expect(await ledger.settle('a|1|due-soon|x', 'sent')).toMatchObject({ state: 'sent', settledAt: t, to: ['acc-1'] });
    expect(await ledger.claim(claim('a|1|due-soon|x'))).toMatchObject({ state: 'sent' });
    expect(await ledger.claim(claim('a|2|due-soon|x'))).toBeNull();
    await ledger.release('a|2|due-soon|x');
    expect(await ledger.read('a|2|due-soon|x')).toBeNull();
    expect(await ledger.claim(claim('a|2|due-soon|x'))).toBeNull();
    expect(await ledger.settle('a|2|due-soon|x', 'unknown')).toMatchObject({ state: 'unknown' });
  });

  it('settling an occurrence nobody claimed is a programming error', async () => {
    await expect(make().settle('nobody|1|x|y', 'sent')).rejects.toThrow('no claim');
  });
});
