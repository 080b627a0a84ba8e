/** A valid kickoff for tests, from the shipped example, with overrides. */
import example from '../fixtures/kickoff.example.json';

export { example };

export function kickoffInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...(JSON.parse(JSON.stringify(example)) as Record<string, unknown>), ...overrides };
}

export function roles(overrides: Record<string, unknown>): Record<string, unknown> {
  return { ...(JSON.parse(JSON.stringify(example.roles)) as Record<string, unknown>), ...overrides };
}
