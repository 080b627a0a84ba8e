/**
 * The layer rules hold: each violation below is planted as a small temporary file in the folder it would break,
 * dependency-cruiser (with the repository's .dependency-cruiser.cjs) and ESLint (eslint.config.mjs) run once over
 * all the planted files, and each plant must be reported by the rule that forbids it. A control file that imports
 * the way the layers allow must pass. The planted files are removed whatever happens.
 *
 * ESLint runs eslint.config.mjs as it is, with two things taken out to keep this fast: the type-aware parser options
 * (they load the whole program) and every rule other than the two under test (no-restricted-imports and
 * no-restricted-syntax, which need no types). Their `files` globs and options are the repository's own.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const TAG = `__planted_layers_${process.pid}`;
/** A config next to eslint.config.mjs (its globs are relative to the config's folder), removed after the run. */
const ESLINT_CONFIG = `${TAG}.eslint.config.mjs`;
const ESLINT_CONFIG_SOURCE = `import base from './eslint.config.mjs';
const UNDER_TEST = new Set(['no-restricted-imports', 'no-restricted-syntax']);
export default base.map((config) => ({
  ...config,
  ...(config.languageOptions?.parserOptions ? { languageOptions: { ...config.languageOptions, parserOptions: {} } } : {}),
  ...(config.rules ? { rules: Object.fromEntries(Object.entries(config.rules).filter(([id]) => UNDER_TEST.has(id))) } : {}),
}));
`;

interface Plant {
  /** What the plant breaks, in words. */
  what: string;
  /** Folder of the planted file, relative to the repository. */
  dir: string;
  source: string;
  /** The dependency-cruiser rule that must fail, if any. */
  depcruise?: string;
  /** The ESLint rule that must fail, if any. */
  eslint?: string;
}

const PLANTS: Plant[] = [
  {
    what: 'core imports @forge/api',
    dir: 'src/core',
    source: "import '@forge/api';",
    depcruise: 'core-npm-only-zod-date-fns',
    eslint: 'no-restricted-imports',
  },
  { what: 'core imports node:fs', dir: 'src/core', source: "import 'node:fs';", depcruise: 'core-no-builtins', eslint: 'no-restricted-imports' },
  { what: 'core imports a bare builtin (path)', dir: 'src/core', source: "import 'path';", depcruise: 'core-no-builtins' },
  { what: 'core imports react', dir: 'src/core', source: "import 'react';", depcruise: 'core-npm-only-zod-date-fns', eslint: 'no-restricted-imports' },
  { what: 'core imports src/jira', dir: 'src/core', source: "import '../jira';", depcruise: 'core-is-pure' },
  {
    what: 'use cases import @forge/api',
    dir: 'src/usecases',
    source: "import '@forge/api';",
    depcruise: 'usecases-not-forge',
    eslint: 'no-restricted-imports',
  },
  {
    what: "use cases import a Jira adapter's internal file",
    dir: 'src/usecases',
    source: "import '../jira/adapter';",
    depcruise: 'usecases-jira-through-index',
  },
  { what: 'use cases import the Forge wiring', dir: 'src/usecases', source: "import '../forge/wiring';", depcruise: 'usecases-do-not-wire-forge' },
  {
    what: "a use-case slice imports another slice's internal file",
    dir: 'src/usecases/reconcile',
    source: "import '../generate/preflight';",
    depcruise: 'slices-through-index',
  },
  { what: 'storage imports jira', dir: 'src/storage', source: "import '../jira';", depcruise: 'storage-not-jira' },
  { what: 'jira imports storage', dir: 'src/jira', source: "import '../storage';", depcruise: 'jira-not-storage' },
  { what: "the CLI imports a Jira adapter's internal file", dir: 'src/cli', source: "import '../jira/request';", depcruise: 'cli-jira-through-index' },
  {
    what: 'static imports @forge/api',
    dir: 'static/shared',
    source: "import '@forge/api';",
    depcruise: 'static-forge-through-bridge',
    eslint: 'no-restricted-imports',
  },
  {
    what: 'static imports @forge/resolver',
    dir: 'static/shared',
    source: "import '@forge/resolver';",
    depcruise: 'static-forge-through-bridge',
    eslint: 'no-restricted-imports',
  },
  { what: 'static imports src/ beyond src/contract', dir: 'static/shared', source: "import '../../src/core';", depcruise: 'static-speaks-contract' },
  {
    what: 'the local site imports static/ sources',
    dir: 'src/local',
    source: "import '../../static/shared/raci-model';",
    depcruise: 'local-not-static-sources',
  },
  { what: 'use cases read the clock (new Date())', dir: 'src/usecases', source: 'export const today = new Date();', eslint: 'no-restricted-syntax' },
  { what: 'core reads the clock (Date.now())', dir: 'src/core', source: 'export const now = Date.now();', eslint: 'no-restricted-syntax' },
];

/** Imports the layers allow: nothing may be reported for it. */
const CONTROL = {
  dir: 'src/usecases/reconcile',
  source: ["import '../generate';", "import '../../jira';", "import '../../core';", "import 'zod';", 'export const control = true;'].join('\n'),
};

interface Planted {
  file: string;
  plant: Plant | null;
}

interface DepcruiseOutput {
  summary: { violations: { from: string; to: string; rule: { name: string } }[] };
}

interface EslintResult {
  filePath: string;
  messages: { ruleId: string | null; message: string }[];
}

function node(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

let planted: Planted[] = [];
let depViolations: DepcruiseOutput['summary']['violations'] = [];
let eslintResults: EslintResult[] = [];

beforeAll(async () => {
  try {
    planted = [
      ...PLANTS.map((plant, i) => ({ plant, dir: plant.dir, source: plant.source, i })),
      { plant: null, dir: CONTROL.dir, source: CONTROL.source, i: PLANTS.length },
    ].map(({ plant, dir, source, i }) => {
      const ext = dir.startsWith('static/') ? 'tsx' : 'ts';
      const file = `${dir}/${TAG}_${i}.${ext}`;
      mkdirSync(dirname(join(ROOT, file)), { recursive: true });
      writeFileSync(join(ROOT, file), `${source}\n${source.includes('export') ? '' : 'export {};\n'}`);
      return { file, plant };
    });
    const files = planted.map((p) => p.file);
    writeFileSync(join(ROOT, ESLINT_CONFIG), ESLINT_CONFIG_SOURCE);
    const [dep, lint] = await Promise.all([
      node([
        'node_modules/dependency-cruiser/bin/dependency-cruise.mjs',
        ...files,
        '--config',
        '.dependency-cruiser.cjs',
        '--output-type',
        'json',
        '--no-cache',
      ]),
      node(['node_modules/eslint/bin/eslint.js', '--config', ESLINT_CONFIG, '--format', 'json', '--no-warn-ignored', ...files]),
    ]);
    depViolations = (JSON.parse(dep.stdout) as DepcruiseOutput).summary.violations;
    if (!lint.stdout.trim().startsWith('[')) throw new Error(`eslint did not answer JSON (exit ${lint.code}):\n${lint.stderr.slice(-2000)}`);
    eslintResults = JSON.parse(lint.stdout) as EslintResult[];
  } finally {
    removePlants();
  }
}, 120_000);

function removePlants(): void {
  for (const { file } of planted) rmSync(join(ROOT, file), { force: true });
  rmSync(join(ROOT, ESLINT_CONFIG), { force: true });
}

afterAll(removePlants);

const depRulesOf = (file: string): string[] => depViolations.filter((v) => v.from === file).map((v) => v.rule.name);
const eslintRulesOf = (file: string): (string | null)[] =>
  eslintResults.filter((r) => r.filePath === join(ROOT, file)).flatMap((r) => r.messages.map((m) => m.ruleId));

describe('each planted layer violation fails npm run lint', () => {
  it.each(PLANTS.map((plant, i) => [plant.what, i] as const))('%s', (_what, i) => {
    const { file, plant } = planted[i];
    if (plant?.depcruise) expect(depRulesOf(file)).toContain(plant.depcruise);
    if (plant?.eslint) expect(eslintRulesOf(file)).toContain(plant.eslint);
    expect(Boolean(plant?.depcruise || plant?.eslint)).toBe(true);
  });
});

it('imports the layers allow (a slice through its index, src/jira through its index, core, zod) pass', () => {
  const control = planted[planted.length - 1];
  expect(control.plant).toBeNull();
  expect(depRulesOf(control.file)).toEqual([]);
  expect(eslintRulesOf(control.file).filter((id) => id === 'no-restricted-imports' || id === 'no-restricted-syntax')).toEqual([]);
});
