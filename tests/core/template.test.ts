import {
  BUILT_IN_TEMPLATE,
  CURRENT_PLAYBOOK,
  PLAYBOOK_V1_5,
  compareVersions,
  parseTemplateJson,
  prepareRelease,
  releaseEntry,
  releaseErrors,
  templateToJson,
  toPlaybookData,
  validateTemplate,
  type PlaybookData,
} from '../../src/core';

const clone = (): PlaybookData => structuredClone(BUILT_IN_TEMPLATE);

describe('template versions as data', () => {
  it('v1.5 (the seed) is the built-in first version, with the page change log v1.0 → v1.5', () => {
    expect(BUILT_IN_TEMPLATE).toBe(PLAYBOOK_V1_5);
    expect(BUILT_IN_TEMPLATE.changeLog.map((e) => [e.date, e.author, e.version, e.summary])).toEqual([
      ['2024-08-29', 'Sarah Bautista', '1.0', 'Updated to match schedule and link new artifacts'],
      ['2025-01-15', 'Chris Faria', '1.1', 'Added Contacts section'],
      ['2025-01-31', 'Chris Faria', '1.2', 'Updated Contacts section'],
      ['2025-03-10', 'Chris Faria', '1.3', 'Updated Contacts section'],
      ['2025-04-11', 'Chris Faria', '1.4', 'Updated Process Steps section'],
      ['2025-05-02', 'Chris Faria', '1.5', 'Updated Supported Integrations section'],
    ]);
    expect(releaseEntry(BUILT_IN_TEMPLATE).version).toBe('1.5');
  });

  it('gives every step a unique stable id', () => {
    const ids = BUILT_IN_TEMPLATE.steps.map((s) => s.id);
    expect(new Set(ids).size).toBe(25);
    expect(ids[7]).toBe('claim-processing-design');
  });

  it('round-trips through JSON: export → import → export is identical', () => {
    const exported = templateToJson(toPlaybookData(CURRENT_PLAYBOOK));
    const imported = parseTemplateJson(exported);
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    expect(imported.template).toEqual(BUILT_IN_TEMPLATE);
    expect(templateToJson(imported.template)).toBe(exported);
  });

  it('exports keys in schema order whatever order the import had', () => {
    const shuffled = Object.fromEntries(Object.entries(clone()).reverse());
    expect(templateToJson(shuffled as unknown as PlaybookData)).toBe(templateToJson(BUILT_IN_TEMPLATE));
  });

  it('keeps authoring notes through the round trip', () => {
    const data = clone();
    data.steps[4].authoringNotes = ['NEED AN OUTBOUND VERSION'];
    data.steps[4].notes = [];
    const back = parseTemplateJson(templateToJson(data));
    expect(back.ok && back.template.steps[4]).toMatchObject({ notes: [], authoringNotes: ['NEED AN OUTBOUND VERSION'] });
  });

  it('reports field-level errors with their paths', () => {
    const data = clone() as unknown as Record<string, unknown> & PlaybookData;
    data.steps[2].id = 'Treasury Discovery';
    data.steps[3].durationDays = 0;
    (data.steps[5] as unknown as Record<string, unknown>).owner = 'SA';
    data.changeLog[5].date = '5/2/2025';
    const result = validateTemplate(data);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual(
      expect.arrayContaining([
        { path: 'steps.2.id', message: expect.stringContaining('lowercase') },
        { path: 'steps.3.durationDays', message: expect.any(String) },
        { path: 'steps.5', message: expect.stringContaining('owner') },
        { path: 'changeLog.5.date', message: expect.stringContaining('ISO date') },
      ]),
    );
  });

  it('reports cross-field errors: duplicate ids, change log out of order or not ending at this version, bad RACI', () => {
    const data = clone();
    data.steps[9].id = data.steps[8].id;
    data.steps[10].raci.raw = 'SA / ZZ / IM';
    data.version = '1.6';
    const result = validateTemplate(data);
    expect(!result.ok && result.errors).toEqual([
      { path: 'changeLog.5.version', message: 'the last entry must describe this version (1.6); found 1.5' },
      { path: 'steps.9.id', message: 'duplicate step id "check-processing-design"' },
      { path: 'steps.10.raci', message: expect.stringContaining('ZZ') },
    ]);
    const reordered = clone();
    reordered.changeLog.reverse();
    expect(validateTemplate(reordered).ok).toBe(false);
  });

  it('rejects text that is not JSON with one whole-document error', () => {
    expect(parseTemplateJson('{"version": ')).toEqual({ ok: false, errors: [{ path: '', message: expect.stringMatching(/^not valid JSON/) }] });
    expect(parseTemplateJson('[]')).toEqual({ ok: false, errors: [{ path: '', message: expect.any(String) }] });
  });

  it('orders versions numerically', () => {
    expect(['1.10', '1.9', '2.0', '1.5'].sort(compareVersions)).toEqual(['1.5', '1.9', '1.10', '2.0']);
  });

  it('prepares a release from a draft: next version, one change-log row appended', () => {
    const draft = clone();
    draft.steps[0].durationDays = 3;
    const entry = { version: '1.6', date: '2026-11-30', author: 'Pat PMO', summary: 'Longer walkthrough' };
    const next = prepareRelease(BUILT_IN_TEMPLATE, draft, entry);
    expect(validateTemplate(next).ok).toBe(true);
    expect(releaseErrors(BUILT_IN_TEMPLATE, next)).toEqual([]);
    expect(releaseEntry(next)).toEqual(entry);
    expect(next.changeLog).toHaveLength(7);

    const rewritten = structuredClone(next);
    rewritten.changeLog[0].author = 'Someone else';
    expect(releaseErrors(BUILT_IN_TEMPLATE, rewritten)).toEqual([{ path: 'changeLog', message: expect.stringContaining('unchanged') }]);
    expect(releaseErrors(next, prepareRelease(next, draft, { ...entry, version: '1.6' }))).toEqual([{ path: 'version', message: 'must be higher than 1.6' }]);
  });

  it('a release shares nothing with its base: editing it never touches the built-in version', () => {
    const next = prepareRelease(BUILT_IN_TEMPLATE, BUILT_IN_TEMPLATE, { version: '1.6', date: '2026-11-30', author: 'Pat PMO', summary: 'Copy' });
    next.changeLog[0].author = 'Someone else';
    next.steps[0].notes.push('edited');
    expect(BUILT_IN_TEMPLATE.changeLog[0].author).toBe('Sarah Bautista');
    expect(BUILT_IN_TEMPLATE.steps[0].notes).toEqual([]);
  });
});
