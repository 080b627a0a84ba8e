import { kvs } from '@forge/kvs';
import { BUILT_IN_TEMPLATE, prepareRelease, templateToJson, type PlaybookData } from '../../src/core';
import { installForgeKvs, type ForgeKvsInstallation } from '../../src/local/kvs';
import { createKvsTemplateStore } from '../../src/storage/template-store';
import { v16 } from '../core/template-fixtures';

let installation: ForgeKvsInstallation;
beforeEach(() => (installation = installForgeKvs()));
afterEach(() => installation.uninstall());

/** Another admin's v1.6 from the same base: only SIT's duration changed. */
function otherV16(): PlaybookData {
  const draft = structuredClone(BUILT_IN_TEMPLATE);
  draft.steps[18].durationDays = 15;
  return prepareRelease(BUILT_IN_TEMPLATE, draft, { version: '1.6', date: '2026-11-30', author: 'Sam Admin', summary: 'Longer SIT' });
}

describe('template store (Forge KVS through the local KVS emulation)', () => {
  it('starts at the built-in v1.5', async () => {
    const store = createKvsTemplateStore();
    expect(await store.current()).toBe(BUILT_IN_TEMPLATE);
    expect((await store.history()).map((t) => t.version)).toEqual(['1.5']);
    expect(await store.get('1.5')).toBe(BUILT_IN_TEMPLATE);
    expect(await store.get('1.6')).toBeNull();
  });

  it('publishes v1.6 from v1.5; it becomes current, with its change-log row, for every reader', async () => {
    const draft = v16();
    expect(await createKvsTemplateStore().publish({ draft, basedOn: '1.5' })).toEqual({ ok: true, template: draft, alreadyPublished: false });
    const reader = createKvsTemplateStore();
    const current = await reader.current();
    expect(templateToJson(current)).toBe(templateToJson(draft));
    expect(current.changeLog.at(-1)).toEqual({ version: '1.6', date: '2026-11-30', author: 'Pat PMO', summary: expect.any(String) });
    expect((await reader.history()).map((t) => t.version)).toEqual(['1.5', '1.6']);
    expect((await reader.get('1.6'))?.steps.at(-1)?.id).toBe('close-integration');
  });

  it('two admins publishing from v1.5 at once: exactly one wins, the other gets a clear conflict and keeps the draft', async () => {
    const store = createKvsTemplateStore();
    const [mine, theirs] = [v16(), otherV16()];
    const before = structuredClone(theirs);
    const outcomes = await Promise.all([store.publish({ draft: mine, basedOn: '1.5' }), store.publish({ draft: theirs, basedOn: '1.5' })]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    const lost = outcomes.find((o) => !o.ok);
    expect(lost).toEqual({ ok: false, reason: 'conflict', current: '1.6', message: expect.stringContaining('Version 1.6 was published after 1.5') });
    expect(lost && !lost.ok && lost.message).toContain('The draft is kept');
    const winner = outcomes[0].ok ? mine : theirs;
    expect(await store.current()).toEqual(winner);
    // Nothing lost: the losing draft is untouched, and the winner's stored version did not change.
    expect(outcomes[0].ok ? theirs : mine).toEqual(outcomes[0].ok ? before : v16());
    expect((await kvs.get<{ template: PlaybookData }>('playbook:template:after:1.5'))!.template).toEqual(winner);
  });

  it('a stale draft conflicts; rebased on the new current version it publishes as 1.7', async () => {
    const store = createKvsTemplateStore();
    expect((await store.publish({ draft: v16(), basedOn: '1.5' })).ok).toBe(true);
    const stale = otherV16();
    expect(await store.publish({ draft: stale, basedOn: '1.5' })).toMatchObject({ ok: false, reason: 'conflict', current: '1.6' });

    const current = await store.current();
    const rebased = prepareRelease(
      current,
      { ...current, steps: current.steps.map((s) => (s.id === 'complete-sit' ? { ...s, durationDays: 15 } : s)) },
      {
        version: '1.7',
        date: '2026-12-01',
        author: 'Sam Admin',
        summary: 'Longer SIT',
      },
    );
    expect(await store.publish({ draft: rebased, basedOn: '1.6' })).toMatchObject({ ok: true, alreadyPublished: false });
    expect((await store.history()).map((t) => t.version)).toEqual(['1.5', '1.6', '1.7']);
    expect((await store.get('1.6'))?.steps.find((s) => s.id === 'complete-sit')?.durationDays).toBe(12);
  });

  it('a retried publish of the same draft succeeds once and writes nothing more', async () => {
    const store = createKvsTemplateStore();
    const draft = v16();
    await store.publish({ draft, basedOn: '1.5' });
    expect(await store.publish({ draft: structuredClone(draft), basedOn: '1.5' })).toEqual({ ok: true, template: draft, alreadyPublished: true });
    expect((await store.history()).map((t) => t.version)).toEqual(['1.5', '1.6']);
  });

  it('refuses invalid drafts with field errors, a rewritten change log, a version not above its base, an unknown base', async () => {
    const store = createKvsTemplateStore();
    const invalid = v16();
    invalid.steps[3].raci.raw = 'SA / ZZ / IM';
    expect(await store.publish({ draft: invalid, basedOn: '1.5' })).toEqual({
      ok: false,
      reason: 'invalid',
      errors: [{ path: 'steps.3.raci', message: expect.stringContaining('ZZ') }],
      message: 'The draft is not a valid template (1 problem).',
    });
    const rewritten = v16();
    rewritten.changeLog[0].author = 'Someone else';
    expect(await store.publish({ draft: rewritten, basedOn: '1.5' })).toMatchObject({ ok: false, reason: 'invalid', errors: [{ path: 'changeLog' }] });
    const same = prepareRelease(BUILT_IN_TEMPLATE, BUILT_IN_TEMPLATE, { version: '1.5', date: '2026-11-30', author: 'X', summary: 'Again' });
    expect(await store.publish({ draft: { ...same, changeLog: same.changeLog.slice(1) }, basedOn: '1.5' })).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await store.publish({ draft: v16(), basedOn: '1.4' })).toMatchObject({ ok: false, reason: 'unknown-base' });
    expect((await store.history()).map((t) => t.version)).toEqual(['1.5']);
  });

  it('keeps environments apart by prefix', async () => {
    await createKvsTemplateStore({ prefix: 'staging' }).publish({ draft: v16(), basedOn: '1.5' });
    expect((await createKvsTemplateStore().current()).version).toBe('1.5');
    expect((await createKvsTemplateStore({ prefix: 'staging' }).current()).version).toBe('1.6');
  });
});

describe('template store under a lost answer', () => {
  it('a publish whose KVS write succeeded but whose answer was lost is resumed by retrying: published once', async () => {
    const globals = globalThis as typeof globalThis & { __forge_fetch__?: (target: { type?: string }, path: string, init?: unknown) => Promise<Response> };
    const real = globals.__forge_fetch__!;
    let dropNextSet = true;
    globals.__forge_fetch__ = async (target, path, init) => {
      const response = await real(target, path, init);
      if (path === '/api/v1/set' && dropNextSet) {
        dropNextSet = false;
        throw new TypeError('fetch failed: socket hang up');
      }
      return response;
    };
    try {
      const store = createKvsTemplateStore();
      const draft = v16();
      await expect(store.publish({ draft, basedOn: '1.5' })).rejects.toThrow('socket hang up');
      expect(await store.publish({ draft, basedOn: '1.5' })).toEqual({ ok: true, template: draft, alreadyPublished: true });
      expect((await store.history()).map((t) => t.version)).toEqual(['1.5', '1.6']);
    } finally {
      globals.__forge_fetch__ = real;
    }
  });
});
