/** The example kickoff (tests/fixtures/kickoff.example.json), as a fresh mutable copy per call. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const KICKOFF_EXAMPLE_PATH = join(__dirname, '../fixtures/kickoff.example.json');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests mutate the JSON freely to build invalid inputs
export type LooseKickoff = Record<string, any>;

export function exampleKickoff(): LooseKickoff {
  return JSON.parse(readFileSync(KICKOFF_EXAMPLE_PATH, 'utf8')) as LooseKickoff;
}
