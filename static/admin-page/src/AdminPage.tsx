/**
 * The playbook template's admin page: the current version and its change log, a draft editor (a form per
 * step, phases and roles, and the whole draft as JSON), validation by the server's core validator with
 * field-level messages, publish with a change-log summary (a stale draft gets a conflict and stays here),
 * import/export JSON, and a diff between any two published versions. Jira admins only: the resolvers ask
 * Jira as the user, and this page shows their refusal.
 */
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { PlaybookData, StepData, TemplateAdminView, TemplateDiff, TemplateFieldErrorView } from '../../../src/contract/template-admin';
import type { ResultError } from '../../../src/contract/result';
import { api } from '../../shared/api';
import { Loading, useFlags } from '../../shared/ui';
import { DiffView } from './DiffView';
import { messagesAt, StepForm } from './StepForm';
import { ChangeLogTable } from '../../shared/changelog';

const toJson = (template: PlaybookData) => `${JSON.stringify(template, null, 2)}\n`;

type Load = { kind: 'loading' } | { kind: 'refused'; message: string } | { kind: 'failed'; message: string } | { kind: 'ready'; admin: TemplateAdminView };

export function AdminPage() {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const refresh = useCallback(async () => {
    const result = await api.getTemplateAdmin({});
    if (result.ok) setLoad({ kind: 'ready', admin: result.data });
    else setLoad({ kind: result.error.code === 'PERMISSION_DENIED' ? 'refused' : 'failed', message: result.error.message });
    return result.ok ? result.data : null;
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (load.kind === 'loading') return <Loading label="Loading the playbook template…" />;
  if (load.kind === 'refused')
    return (
      <div className="card" role="alert">
        <h2>Jira admins only</h2>
        <p>{load.message}</p>
      </div>
    );
  if (load.kind === 'failed')
    return (
      <div className="card" role="alert">
        <p>The playbook template could not load: {load.message}</p>
        <button type="button" onClick={() => void refresh()}>
          Try again
        </button>
      </div>
    );
  return <Editor admin={load.admin} refresh={refresh} />;
}

function Editor({ admin, refresh }: { admin: TemplateAdminView; refresh: () => Promise<TemplateAdminView | null> }) {
  const flags = useFlags();
  const ids = useId();
  /** The version the draft was edited from: publishing is refused unless it is still the current one. */
  const [basedOn, setBasedOn] = useState(admin.current.version);
  const [draft, setDraft] = useState<PlaybookData>(admin.current);
  const [stepIndex, setStepIndex] = useState(0);
  const [errors, setErrors] = useState<TemplateFieldErrorView[]>([]);
  const [draftDiff, setDraftDiff] = useState<TemplateDiff | null>(null);
  const [summary, setSummary] = useState('');
  const [summaryError, setSummaryError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [jsonText, setJsonText] = useState(() => toJson(admin.current));
  const [busy, setBusy] = useState(false);
  const current = admin.current;
  const edited = useMemo(() => toJson(draft) !== toJson(current), [draft, current]);
  const nextVersion = basedOn === admin.current.version ? admin.nextVersion : null;

  const changeDraft = (next: PlaybookData) => {
    setDraft(next);
    setJsonText(toJson(next));
    setDraftDiff(null);
  };
  const changeStep = (step: StepData) => changeDraft({ ...draft, steps: draft.steps.map((s, i) => (i === stepIndex ? step : s)) });

  function showError(error: ResultError) {
    if (error.code === 'CONFLICT') setConflict(error.message);
    else flags.showError(error);
  }

  /** Validates `json` on the server; a valid draft replaces the editor's, an invalid one lists its errors and replaces nothing. */
  async function check(json: string, replace: boolean): Promise<boolean> {
    setBusy(true);
    const result = await api.checkTemplateDraft({ json });
    setBusy(false);
    if (!result.ok) {
      showError(result.error);
      return false;
    }
    setErrors(result.data.errors);
    setDraftDiff(result.data.diff);
    if (result.data.valid && result.data.draft && replace) {
      setDraft(result.data.draft);
      setStepIndex((i) => Math.min(i, result.data.draft!.steps.length - 1));
    }
    return result.data.valid;
  }

  async function publish() {
    setSummaryError(null);
    setConflict(null);
    setBusy(true);
    const result = await api.publishTemplate({ json: toJson(draft), basedOn, summary });
    setBusy(false);
    if (!result.ok) {
      const summaryMessage = result.error.fields?.find((f) => f.field === 'summary')?.message;
      // A missing summary is shown under its field; template problems in the draft's list; the rest as a flag.
      if (summaryMessage) setSummaryError(summaryMessage);
      else if (result.error.code === 'INVALID_INPUT' && result.error.fields) setErrors(result.error.fields.map((f) => ({ path: f.field, message: f.message })));
      else showError(result.error);
      return;
    }
    flags.showSuccess(`Published v${result.data.version}`, result.data.alreadyPublished ? 'This draft had been published already.' : result.data.entry.summary);
    setSummary('');
    setErrors([]);
    setDraftDiff(null);
    const fresh = await refresh();
    if (fresh) {
      setBasedOn(fresh.current.version);
      changeDraft(fresh.current);
    }
  }

  const stepsWithErrors = new Set(errors.flatMap((e) => (/^steps\.(\d+)/.exec(e.path) ? [Number(/^steps\.(\d+)/.exec(e.path)![1])] : [])));
  const exportHref = useMemo(() => URL.createObjectURL(new Blob([toJson(draft)], { type: 'application/json' })), [draft]);
  useEffect(() => () => URL.revokeObjectURL(exportHref), [exportHref]);

  return (
    <div className="stack">
      <header className="stack">
        <h1>Outbound Payments playbook template</h1>
        <p>
          Current version: <strong data-testid="current-version">v{admin.current.version}</strong>. New plans are generated from it; a draft you publish becomes
          v{admin.nextVersion}.
        </p>
      </header>

      <details>
        <summary>Change log ({admin.current.changeLog.length} versions)</summary>
        <ChangeLogTable entries={admin.current.changeLog} caption="Change log" />
      </details>

      <section className="stack" aria-labelledby={`${ids}-draft`}>
        <h2 id={`${ids}-draft`}>
          Draft {edited ? <span className="subtle">(edited from v{basedOn}, not published)</span> : <span className="subtle">(same as v{basedOn})</span>}
        </h2>
        <div className="field">
          <label htmlFor={`${ids}-step`}>Step to edit</label>
          <select id={`${ids}-step`} value={stepIndex} onChange={(e) => setStepIndex(Number(e.target.value))}>
            {draft.steps.map((s, i) => (
              <option key={s.id} value={i}>
                {s.number}. {s.title}
                {stepsWithErrors.has(i) ? ' (has problems)' : ''}
              </option>
            ))}
          </select>
        </div>
        {draft.steps[stepIndex] && <StepForm key={draft.steps[stepIndex].id} template={draft} index={stepIndex} errors={errors} onChange={changeStep} />}
        <PhasesAndRoles draft={draft} errors={errors} onChange={changeDraft} />

        <div className="row">
          <button type="button" disabled={busy} onClick={() => void check(toJson(draft), false)}>
            Validate draft
          </button>
          <button type="button" disabled={busy || !edited} onClick={() => changeDraft(admin.current)}>
            Discard changes
          </button>
        </div>
        {errors.length > 0 && (
          <div className="card" role="alert" aria-label="Problems in the draft">
            <strong>
              The draft has {errors.length} problem{errors.length === 1 ? '' : 's'}; nothing is published until they are fixed:
            </strong>
            <ul>
              {errors.map((e) => (
                <li key={`${e.path}:${e.message}`}>
                  <code>{e.path || '(document)'}</code>: {e.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        {errors.length === 0 && draftDiff && (
          <div className="card" role="status" aria-label="Draft compared with the current version">
            <strong>The draft is valid.</strong>
            <DiffView diff={{ ...draftDiff, to: 'draft' }} />
          </div>
        )}
      </section>

      <section className="stack card" aria-labelledby={`${ids}-publish`}>
        <h2 id={`${ids}-publish`}>Publish{nextVersion ? ` as v${nextVersion}` : ''}</h2>
        <div className="field">
          <label htmlFor={`${ids}-summary`}>Change-log summary</label>
          <textarea
            id={`${ids}-summary`}
            rows={2}
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
            aria-invalid={summaryError ? true : undefined}
            aria-describedby={summaryError ? `${ids}-summary-error` : undefined}
          />
          {summaryError && (
            <div className="field-error" id={`${ids}-summary-error`}>
              {summaryError}
            </div>
          )}
        </div>
        {conflict && (
          <div className="card" role="alert" aria-label="Publish conflict">
            <strong>Not published: someone else published first.</strong>
            <p>{conflict}</p>
            <p>
              Your draft is still here, unchanged. It does not contain the other admin&apos;s edits: compare it with the latest version before publishing it
              after that one, so nothing of theirs is undone unnoticed.
            </p>
            <div className="row">
              <button
                type="button"
                onClick={() => {
                  void refresh().then(async (fresh) => {
                    if (!fresh) return;
                    // The draft now goes on top of the latest version: its comparison with that version shows
                    // everything publishing it would change, including what it would undo of the other admin's edits.
                    setBasedOn(fresh.current.version);
                    setConflict(null);
                    await check(toJson(draft), false);
                  });
                }}
              >
                Keep my draft and compare it with the latest version
              </button>
              <button
                type="button"
                onClick={() => {
                  void refresh().then((fresh) => {
                    if (fresh) {
                      setBasedOn(fresh.current.version);
                      changeDraft(fresh.current);
                    }
                    setConflict(null);
                  });
                }}
              >
                Discard my draft and load the latest version
              </button>
            </div>
          </div>
        )}
        <div className="row">
          <button type="button" className="primary" disabled={busy || !edited} onClick={() => void publish()}>
            {busy ? 'Working…' : `Publish v${nextVersion ?? admin.nextVersion}`}
          </button>
          {!edited && <span className="subtle">Edit the draft to publish a new version.</span>}
        </div>
      </section>

      <section className="stack" aria-labelledby={`${ids}-json`}>
        <h2 id={`${ids}-json`}>Import / export JSON</h2>
        <p className="subtle">
          The draft in the import/export format (what <code>playbook template --json</code> prints). Edit it here or import a file, then apply it to the draft;
          an invalid file lists its problems and replaces nothing.
        </p>
        <div className="field">
          <label htmlFor={`${ids}-jsontext`}>Draft as JSON</label>
          <textarea id={`${ids}-jsontext`} rows={12} spellCheck={false} value={jsonText} onChange={(e) => setJsonText(e.target.value)} />
        </div>
        <div className="row">
          <button type="button" disabled={busy} onClick={() => void check(jsonText, true)}>
            Apply JSON to the draft
          </button>
          <label className="button" htmlFor={`${ids}-file`}>
            Import a file…
          </label>
          <input
            id={`${ids}-file`}
            className="visually-hidden"
            type="file"
            accept="application/json,.json"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (!file) return;
              void file.text().then((text) => {
                setJsonText(text);
                return check(text, true);
              });
            }}
          />
          <a className="button" href={exportHref} download={`playbook-draft-from-v${basedOn}.json`}>
            Export the draft
          </a>
        </div>
      </section>

      <CompareVersions key={admin.versions.length} admin={admin} />
    </div>
  );
}

function PhasesAndRoles({ draft, errors, onChange }: { draft: PlaybookData; errors: readonly TemplateFieldErrorView[]; onChange(next: PlaybookData): void }) {
  const ids = useId();
  const renamePhase = (index: number, name: string) => {
    const old = draft.phases[index].name;
    onChange({
      ...draft,
      phases: draft.phases.map((p, i) => (i === index ? { ...p, name } : p)),
      steps: draft.steps.map((s) => (s.phase === old ? { ...s, phase: name } : s)),
    });
  };
  return (
    <details>
      <summary>Phases and roles</summary>
      <div className="stack">
        <fieldset>
          <legend>Phases (renaming one renames it on its steps)</legend>
          {draft.phases.map((phase, i) => (
            <div className="field" key={i}>
              <label htmlFor={`${ids}-phase-${i}`}>Phase {i + 1}</label>
              <input id={`${ids}-phase-${i}`} value={phase.name} onChange={(e) => renamePhase(i, e.target.value)} />
              {messagesAt(errors, `phases.${i}`).map((m) => (
                <div className="field-error" key={m}>
                  {m}
                </div>
              ))}
            </div>
          ))}
        </fieldset>
        <table>
          <caption>Roles</caption>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Name</th>
              <th scope="col">Team</th>
            </tr>
          </thead>
          <tbody>
            {draft.roles.map((role, i) => (
              <tr key={role.code}>
                <td>{role.code}</td>
                <td>
                  <input
                    aria-label={`${role.code} name`}
                    value={role.name}
                    onChange={(e) => onChange({ ...draft, roles: draft.roles.map((r, j) => (j === i ? { ...r, name: e.target.value } : r)) })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`${role.code} team`}
                    value={role.team}
                    onChange={(e) => onChange({ ...draft, roles: draft.roles.map((r, j) => (j === i ? { ...r, team: e.target.value } : r)) })}
                  />
                  {messagesAt(errors, `roles.${i}`).map((m) => (
                    <div className="field-error" key={m}>
                      {m}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function CompareVersions({ admin }: { admin: TemplateAdminView }) {
  const flags = useFlags();
  const ids = useId();
  const versions = admin.versions.map((v) => v.version);
  const [from, setFrom] = useState(versions.length > 1 ? versions[versions.length - 2] : versions[0]);
  const [to, setTo] = useState(versions[versions.length - 1]);
  const [diff, setDiff] = useState<TemplateDiff | null>(null);
  const [busy, setBusy] = useState(false);
  async function compare() {
    setBusy(true);
    const result = await api.diffTemplateVersions({ from, to });
    setBusy(false);
    if (result.ok) setDiff(result.data);
    else flags.showError(result.error);
  }
  return (
    <section className="stack" aria-labelledby={`${ids}-compare`}>
      <h2 id={`${ids}-compare`}>Compare versions</h2>
      <div className="row">
        <VersionPicker id={`${ids}-from`} label="From" versions={admin.versions} value={from} onChange={setFrom} />
        <VersionPicker id={`${ids}-to`} label="To" versions={admin.versions} value={to} onChange={setTo} />
        <button type="button" disabled={busy} onClick={() => void compare()}>
          Compare
        </button>
      </div>
      {diff && <DiffView diff={diff} />}
    </section>
  );
}

/** One published version to compare, by number and date. */
function VersionPicker(props: { id: string; label: string; versions: TemplateAdminView['versions']; value: string; onChange: (version: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.versions.map((v) => (
          <option key={v.version} value={v.version}>
            v{v.version} ({v.date})
          </option>
        ))}
      </select>
    </div>
  );
}
