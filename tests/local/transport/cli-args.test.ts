import { parseJiraCliArgs } from '../../../src/local/jira/transport/cli-args';

describe('npm run jira arguments', () => {
  it('defaults to port 4000 on 127.0.0.1 with data in .local-data/jira and no faults', () => {
    const options = parseJiraCliArgs([]);
    expect(options).toMatchObject({ port: 4000, host: '127.0.0.1', dataDir: '.local-data/jira', contractMode: undefined });
    expect(options.faults).toMatchObject({ latencyMs: { fixed: 0, jitter: 0 }, indexLagMs: 0, rate429: 0, rate5xx: 0, rateCommitThenDrop: 0 });
  });

  it('reads port, data, latency, index lag, fault rates and contract mode', () => {
    const options = parseJiraCliArgs([
      '--port',
      '4100',
      '--data',
      '/tmp/j',
      '--latency',
      '150',
      '--jitter',
      '20',
      '--index-lag',
      '500',
      '--rate5xx',
      '0.1',
      '--rate-drop',
      '0.05',
      '--seed',
      '9',
      '--contract',
      'strict',
    ]);
    expect(options).toMatchObject({ port: 4100, dataDir: '/tmp/j', contractMode: 'strict' });
    expect(options.faults).toMatchObject({ seed: 9, latencyMs: { fixed: 150, jitter: 20 }, indexLagMs: 500, rate5xx: 0.1, rateCommitThenDrop: 0.05 });
  });

  it('rejects nonsense with a message naming the option', () => {
    expect(() => parseJiraCliArgs(['--port', 'abc'])).toThrow(/--port/);
    expect(() => parseJiraCliArgs(['--port', '70000'])).toThrow(/--port/);
    expect(() => parseJiraCliArgs(['--latency', '-5'])).toThrow();
    expect(() => parseJiraCliArgs(['--contract', 'loose'])).toThrow(/--contract/);
    expect(() => parseJiraCliArgs(['--unknown'])).toThrow();
  });
});
