/**
 * Failure 2 of issue 16: any function key reached @forge/resolver (`functionKey in this.functions`). Through
 * the real Forge entry and the real @forge/resolver: only the contract's own names reach a handler.
 */
import { DEMO_SITE } from '../../src/local/jira/site';
import { startForgeSite, type ForgeSite } from './helpers/forge-site';

let app: ForgeSite;
beforeEach(() => {
  app = startForgeSite();
});
afterEach(() => app.close());

describe('failure 2: any function key reaches @forge/resolver', () => {
  it.each(['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'deleteEverything', '', 'getTemplate '])(
    '"%s" answers a clear error envelope, never the invocation context or a raw message',
    async (functionKey) => {
      const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      const answer = (await app.invoke('sa', functionKey as never, {})) as unknown;
      spy.mockRestore();
      expect(answer).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^Outbound Playbook has no function/) } });
      const text = JSON.stringify(answer);
      expect(text).not.toContain(DEMO_SITE.accounts.sa.accountId);
      expect(text).not.toMatch(/cloudId|installContext|license|installation|is not a function|object Undefined/);
    },
  );

  it('a request without a call at all is refused the same way; declared names still work', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const entry = require('../../src/index') as { resolver: (request: unknown, runtime: unknown) => Promise<unknown> };
    for (const request of [null, 42, {}, { call: null }, { call: { functionKey: { toString: 'x' } } }]) {
      expect(await entry.resolver(request, {})).toEqual({ ok: false, error: expect.objectContaining({ code: 'INVALID_INPUT' }) });
    }
    const template = await app.invoke(null, 'getTemplate', {});
    expect(template.ok).toBe(true);
  });
});
