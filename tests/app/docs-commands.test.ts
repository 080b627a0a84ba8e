/**
 * The extraction behind tests/readme/readme-commands.test.ts, checked without starting anything: it reads every
 * ```sh block of README.md and docs/*.md, keeps each command once, and finds the lines its runners expect.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentationFiles, documentedCommands, readmeCommands } from '../readme/commands';

const ROOT = join(__dirname, '..', '..');

it('reads the commands of sh blocks only, without comments or blank lines', () => {
  const markdown = [
    '```sh',
    'npm run a   # trailing comment kept',
    '',
    '# a comment line',
    '  npm run b',
    '```',
    '```text',
    'npm run c',
    '```',
    '```',
    'npm run d',
    '```',
  ].join('\n');
  expect(readmeCommands(markdown)).toEqual(['npm run a   # trailing comment kept', 'npm run b']);
});

it('reads README.md first, then every docs/*.md', () => {
  const files = documentationFiles(ROOT);
  expect(files[0]).toBe('README.md');
  expect(files).toEqual(expect.arrayContaining(['docs/architecture.md', 'docs/cli.md', 'docs/local-site.md', 'docs/benchmarks.md', 'docs/testing.md']));
});

it('shows each command once, the set-up lines in the README itself, and the lines the runners expect', () => {
  const commands = documentedCommands(ROOT);
  expect(new Set(commands).size).toBe(commands.length);
  const readme = readmeCommands(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  expect(readme.some((c) => /^npm install && npm start(\s|$)/.test(c))).toBe(true);
  expect(readme.some((c) => /^npm install && npm test(\s|$)/.test(c))).toBe(true);
  for (const runner of [/^npm run bundle(\s|$)/, /^npm start -- --bundle(\s|$)/, /^npm run jira(\s|$)/, /^npm run bench(\s|$)/])
    expect(commands.filter((c) => runner.test(c))).toHaveLength(1);
  const cli = commands.filter((c) => /^npx playbook /.test(c));
  expect(cli.length).toBeGreaterThanOrEqual(4);
  expect(cli.some((c) => / generate /.test(c) && / --json/.test(c))).toBe(true);
  // Every command has one of the runners above (the suite's last test enforces the same on the real run).
  const known = [/^npm install && npm (start|test)(\s|$)/, /^npm run (bundle|jira|bench)(\s|$)/, /^npm start -- --bundle(\s|$)/, /^npx playbook /];
  expect(commands.filter((c) => !known.some((k) => k.test(c)))).toEqual([]);
});
