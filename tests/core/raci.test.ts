import { CURRENT_PLAYBOOK, formatRaci, parseRaci, RaciParseError } from '../../src/core';

describe('parseRaci', () => {
  it.each([
    ['SA/ B, CS, PM / IM', ['SA'], ['B', 'CS', 'PM'], ['IM']],
    ['SA / PM,IM /', ['SA'], ['PM', 'IM'], []],
    ['SA /PM, IM /', ['SA'], ['PM', 'IM'], []],
    ['SA / B, CS, PM, TC / IM', ['SA'], ['B', 'CS', 'PM', 'TC'], ['IM']],
    ['B, CS, SA / PM / IM', ['B', 'CS', 'SA'], ['PM'], ['IM']],
    // Only the first two slashes split groups: "IM/OPM" means both are Informed.
    ['SA / PM / IM/OPM', ['SA'], ['PM'], ['IM', 'OPM']],
  ])('reads "%s"', (raw, responsible, consulted, informed) => {
    expect(parseRaci(raw)).toEqual({ responsible, accountable: 'SA', consulted, informed });
  });

  it.each([
    ['SA PM IM', 'Responsible / Consulted / Informed'],
    ['SA / PM', 'Responsible / Consulted / Informed'],
    [' / PM / IM', 'no Responsible role'],
    ['SA / XX / IM', 'unknown role "XX"'],
    ['SA / PM / IM/Boss', 'unknown role "Boss"'],
  ])('refuses "%s"', (raw, reason) => {
    expect(() => parseRaci(raw)).toThrow(RaciParseError);
    expect(() => parseRaci(raw)).toThrow(reason);
  });

  it('is what the loaded playbook holds for every step (derived from the raw cell)', () => {
    for (const step of CURRENT_PLAYBOOK.steps) {
      const { raw, ...parsed } = step.raci;
      expect(parsed).toEqual(parseRaci(raw));
    }
  });
});

describe('formatRaci', () => {
  it('writes the one-line form used by the RACI custom field', () => {
    expect(formatRaci(parseRaci('SA/ B, CS, PM / IM'))).toBe('R: SA · A: SA · C: B, CS, PM · I: IM');
    expect(formatRaci(parseRaci('B, CS, SA / PM / IM'))).toBe('R: B, CS, SA · A: SA · C: PM · I: IM');
    expect(formatRaci(parseRaci('SA / PM,IM /'))).toBe('R: SA · A: SA · C: PM, IM · I: —');
    expect(formatRaci(parseRaci('SA / PM / IM/OPM'))).toBe('R: SA · A: SA · C: PM · I: IM, OPM');
  });
});
