/** RACI cells as the playbook page writes them ("SA/ B, CS, PM / IM") and their one-line display form. */
import { ROLE_CODES, type Raci, type RoleCode } from './playbook/types';

/** The page has no Accountable column: the step owner, the Solution Architect, is accountable for every step. */
export const ACCOUNTABLE_ROLE: RoleCode = 'SA';

export class RaciParseError extends Error {
  constructor(
    readonly raw: string,
    reason: string,
  ) {
    super(`Cannot read RACI "${raw}": ${reason}`);
    this.name = 'RaciParseError';
  }
}

function isRoleCode(token: string): token is RoleCode {
  return (ROLE_CODES as readonly string[]).includes(token);
}

function roleList(raw: string, part: string, separators: RegExp): RoleCode[] {
  const tokens = part
    .split(separators)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  const unknown = tokens.filter((t) => !isRoleCode(t));
  if (unknown.length > 0) throw new RaciParseError(raw, `unknown role ${unknown.map((u) => `"${u}"`).join(', ')}`);
  return [...new Set(tokens as RoleCode[])];
}

/**
 * Responsible / Consulted / Informed, separated by the first two slashes. Everything after the second slash
 * is Informed, where a further slash lists another role ("IM/OPM" = IM and OPM).
 */
export function parseRaci(raw: string): Raci {
  const first = raw.indexOf('/');
  const second = first < 0 ? -1 : raw.indexOf('/', first + 1);
  if (second < 0) throw new RaciParseError(raw, 'expected "Responsible / Consulted / Informed"');
  const responsible = roleList(raw, raw.slice(0, first), /,/);
  if (responsible.length === 0) throw new RaciParseError(raw, 'no Responsible role');
  return {
    responsible,
    accountable: ACCOUNTABLE_ROLE,
    consulted: roleList(raw, raw.slice(first + 1, second), /,/),
    informed: roleList(raw, raw.slice(second + 1), /[,/]/),
  };
}

/** "R: SA · A: SA · C: B, CS, PM · I: IM"; an empty group shows as "—". */
export function formatRaci(raci: Raci): string {
  const list = (codes: readonly RoleCode[]) => (codes.length > 0 ? codes.join(', ') : '—');
  return `R: ${list(raci.responsible)} · A: ${raci.accountable} · C: ${list(raci.consulted)} · I: ${list(raci.informed)}`;
}
