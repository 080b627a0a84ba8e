/**
 * The one place that wires the bench to the real stand-in and use cases. Each part is looked up when the
 * bench starts; one that is not in the repository yet (or fails to load) becomes `{ ok: false, reason }`,
 * which the report prints as null with that reason.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './bundles';
import type { BenchParts, Part } from './harness';

type Loose = Record<string, unknown>;

const fail = <T>(reason: string): Part<T> => ({ ok: false, reason });

/** requires `src/...` relative to the repository; a missing module is "not in the repository yet". */
export function loadModule(relative: string): Part<Loose> {
  const full = join(REPO_ROOT, relative);
  try {
    return { ok: true, value: require(full) as Loose };
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    if (err.code === 'MODULE_NOT_FOUND' && err.message.includes(full)) return fail(`${relative} is not in the repository yet`);
    return fail(`${relative} failed to load: ${err.message.split('\n')[0]}`);
  }
}

/** The named export, when it is a function. */
export function loadFunction(relative: string, name: string): Part<(...args: unknown[]) => unknown> {
  const mod = loadModule(relative);
  if (!mod.ok) return mod;
  const value = mod.value[name];
  return typeof value === 'function' ? { ok: true, value: value as (...args: unknown[]) => unknown } : fail(`${relative} does not export ${name}() yet`);
}

function entryPart(): Part<string> {
  const entry = join(REPO_ROOT, 'src', 'index.ts');
  return existsSync(entry) ? { ok: true, value: entry } : fail('src/index.ts (the Forge entry) is not in the repository yet');
}

export function loadBenchParts(): BenchParts {
  const testing = loadFunction('src/local/jira/testing', 'startStandIn');
  const generate = loadFunction('src/usecases/generate', 'generatePlan');
  const progress = loadFunction('src/usecases/progress', 'getPlanProgress');
  const portfolio = loadFunction('src/usecases/portfolio', 'getPortfolio');
  return {
    startStandIn: testing.ok ? fail('wiring pending') : testing,
    seedPlans: testing.ok ? fail('wiring pending') : testing,
    generate: generate.ok ? fail('wiring pending') : generate,
    progress: progress.ok ? fail('wiring pending') : progress,
    portfolio: portfolio.ok ? fail('wiring pending') : portfolio,
    entry: entryPart(),
  };
}
