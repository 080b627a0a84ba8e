/**
 * The macro's configuration: the kickoff form. Checks the form locally with the contract's schema, asks the
 * backend for a preview (which also applies the playbook's rules and answers field errors), and saves with
 * `view.submit({ config: { kickoff } })`: Forge stores `config` as the macro's config (context.extension.config).
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { view } from '@forge/bridge';
import type { FieldError } from '../../../src/contract/result';
import type { PreviewPlanResult, ProjectView, TemplateView } from '../../../src/contract/types';
import { api } from '../../shared/api';
import { loadContext, type AppContext } from '../../shared/context';
import { PreviewTable } from '../../shared/kickoff';
import { Loading, useFlags } from '../../shared/ui';
import {
  CONTACT_ROLES,
  FIELD_IDS,
  USER_ROLES,
  contactEmailId,
  draftFromKickoff,
  errorSummary,
  holidayId,
  holidayRow,
  isOptionalRole,
  normaliseFieldErrors,
  roleId,
  type Draft,
} from './draft';
import { UserPicker } from './UserPicker';
import { ReminderSettings } from './ReminderSettings';
import { remindersDraft } from './reminders-draft';
import type * as ValidationModule from './validation';

type Validation = typeof ValidationModule;
type Loaded = { context: AppContext; template: TemplateView; projects: ProjectView[]; validation: Validation };

export function KickoffForm() {
  const flags = useFlags();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [preview, setPreview] = useState<PreviewPlanResult | null>(null);
  const [busy, setBusy] = useState<'preview' | 'save' | null>(null);
  /** The element to focus after the next render (the error summary, a new holiday row, the first field). */
  const [focusTarget, setFocusTarget] = useState<string | null>(null);

  useEffect(() => {
    if (!focusTarget) return;
    document.getElementById(focusTarget)?.focus();
    setFocusTarget(null);
  }, [focusTarget]);

  /** The draft as loaded (the saved kickoff or a blank one): the form is dirty once the draft differs. */
  const loadedDraft = useRef<string | null>(null);
  const dirty = useRef(false);
  /** Escape on a dirty form asks first: "Discard" closes the dialog, "Keep editing" (or Escape again) goes back. */
  const [confirmingDiscard, setConfirmingDiscard] = useState(false);
  const confirming = useRef(false);
  useEffect(() => {
    dirty.current = draft !== null && loadedDraft.current !== null && JSON.stringify(draft) !== loadedDraft.current;
  }, [draft]);
  useEffect(() => {
    confirming.current = confirmingDiscard;
    if (confirmingDiscard) setFocusTarget(KEEP_EDITING_ID);
  }, [confirmingDiscard]);

  // The form is the config dialog's content: Escape closes it (a picker's own Escape, e.g. a list of matches, comes
  // first), but never throws away what was typed without asking.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      if (confirming.current) setConfirmingDiscard(false);
      else if (dirty.current) setConfirmingDiscard(true);
      else void view.close().catch(() => undefined);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    (async () => {
      const context = await loadContext();
      const [template, projects, validation] = await Promise.all([api.getTemplate({}), api.listProjects({}), import('./validation')]);
      if (!template.ok) throw new Error(template.error.message);
      if (!projects.ok) throw new Error(projects.error.message);
      setLoaded({ context, template: template.data, projects: projects.data.projects, validation });
      const initial = draftFromKickoff(validation.savedKickoff(context.config), template.data);
      loadedDraft.current = JSON.stringify(initial);
      setDraft(initial);
      setFocusTarget(FIELD_IDS.projectKey);
    })().catch((e: unknown) => setLoadError(e instanceof Error ? e.message : String(e)));
  }, []);

  if (loadError)
    return (
      <div role="alert" className="card">
        The kickoff form could not load: {loadError}
      </div>
    );
  if (!loaded || !draft) return <Loading label="Loading the kickoff form…" />;
  const { template, projects, validation } = loaded;

  const update = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setPreview(null);
  };
  const errorsFor = (field: string) => errors.filter((e) => e.field === field || e.field.startsWith(`${field}.`)).map((e) => e.message);
  /** A missing contact is reported on the role itself; show it under the name. */
  const contactNameErrors = (code: string) => [
    ...errors.filter((e) => e.field === `roles.${code}` || e.field === `roles.${code}.displayName`).map((e) => e.message),
  ];

  /** Shows field errors: under each field, and listed at the top in a summary that takes focus. */
  function showFieldErrors(fields: FieldError[]) {
    setErrors(fields);
    setFocusTarget(SUMMARY_ID);
  }

  function check() {
    const checked = validation.checkDraft(draft!);
    if (!checked.ok) {
      showFieldErrors(checked.fields);
      return null;
    }
    setErrors([]);
    return checked.kickoff;
  }

  async function runPreview(): Promise<boolean> {
    const kickoff = check();
    if (!kickoff) return false;
    const result = await api.previewPlan({ kickoff });
    if (result.ok) {
      setPreview(result.data);
      return true;
    }
    const fields = normaliseFieldErrors(result.error.fields);
    if (fields.length > 0) showFieldErrors(fields);
    else {
      setErrors([]);
      flags.showError(result.error);
    }
    return false;
  }

  async function onPreview() {
    setBusy('preview');
    try {
      await runPreview();
    } finally {
      setBusy(null);
    }
  }

  async function onSave() {
    setBusy('save');
    try {
      const kickoff = check();
      if (!kickoff || !(await runPreview())) return;
      await view.submit({ config: { kickoff } });
    } catch (e) {
      flags.showError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }

  const optionalSteps = template.steps.filter((s) => s.conditions.some((c) => c.kind === 'optional'));
  const coreSystems = [...new Set(template.supportedIntegrations.map((i) => i.coreSystem))];
  /** Messages of each holiday row, and of the list as a whole. */
  const holidayErrors = (row: number) =>
    errors.filter((e) => /^holidays\.\d+$/.test(e.field) && holidayRow(draft, Number(e.field.split('.')[1])) === row).map((e) => e.message);
  const holidayListErrors = errors.filter(
    (e) => e.field === 'holidays' || (/^holidays\.\d+$/.test(e.field) && holidayRow(draft, Number(e.field.split('.')[1])) < 0),
  );
  const summary = errorSummary(errors, draft, (code) => roleLabel(template, code));

  return (
    <form
      className="stack"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void onSave();
      }}
      aria-label="Outbound Playbook kickoff"
    >
      <h1>Outbound Playbook kickoff</h1>
      {confirmingDiscard && (
        <div className="notice discard-confirm" role="alertdialog" aria-labelledby={`${KEEP_EDITING_ID}-title`}>
          <h2 id={`${KEEP_EDITING_ID}-title`}>Discard your changes to this kickoff?</h2>
          <p>What you entered is not saved. Closing the dialog throws it away.</p>
          <div className="row">
            <button type="button" id={KEEP_EDITING_ID} className="primary" onClick={() => setConfirmingDiscard(false)}>
              Keep editing
            </button>
            <button type="button" onClick={() => void view.close().catch(() => undefined)}>
              Discard changes
            </button>
          </div>
        </div>
      )}
      {summary.length > 0 && (
        <div id={SUMMARY_ID} className="notice danger" role="alert" tabIndex={-1} aria-labelledby={`${SUMMARY_ID}-title`}>
          <h2 id={`${SUMMARY_ID}-title`}>Check the form: {summary.length === 1 ? '1 field needs' : `${summary.length} fields need`} attention</h2>
          <ul>
            {summary.map((entry, index) => (
              <li key={`${entry.target}-${index}`}>
                <a
                  href={`#${entry.target}`}
                  onClick={(event) => {
                    event.preventDefault();
                    setFocusTarget(entry.target);
                  }}
                >
                  {entry.label}: {entry.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="row" style={{ alignItems: 'flex-start' }}>
        <Field id={FIELD_IDS.projectKey} label="Jira project" required errors={errorsFor('projectKey')} grow>
          {(id, described) => (
            <select
              id={id}
              aria-describedby={described}
              aria-invalid={errorsFor('projectKey').length > 0}
              value={draft.projectKey}
              onChange={(e) => update({ projectKey: e.target.value })}
            >
              <option value="">Choose a project</option>
              {projects.map((p) => (
                <option key={p.key} value={p.key}>
                  {p.name} ({p.key})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={FIELD_IDS.kickoffDate} label="Kickoff date" required errors={errorsFor('kickoffDate')} help="Shown as YYYY-MM-DD in the preview.">
          {(id, described) => (
            <input
              id={id}
              type="date"
              aria-describedby={described}
              aria-invalid={errorsFor('kickoffDate').length > 0}
              value={draft.kickoffDate}
              onChange={(e) => update({ kickoffDate: e.target.value })}
            />
          )}
        </Field>
      </div>
      <div className="row" style={{ alignItems: 'flex-start' }}>
        <Field id={FIELD_IDS.biller} label="Biller" required errors={errorsFor('biller')} grow>
          {(id, described) => (
            <input
              id={id}
              type="text"
              aria-describedby={described}
              aria-invalid={errorsFor('biller').length > 0}
              value={draft.biller}
              onChange={(e) => update({ biller: e.target.value })}
            />
          )}
        </Field>
        <Field
          id={FIELD_IDS.coreSystem}
          label="Core system"
          required
          errors={errorsFor('coreSystem')}
          help={`The playbook's supported integrations: ${coreSystems.join(', ')}. A new one is allowed.`}
          grow
        >
          {(id, described) => (
            <>
              <input
                id={id}
                type="text"
                list={`${id}-systems`}
                aria-describedby={described}
                aria-invalid={errorsFor('coreSystem').length > 0}
                value={draft.coreSystem}
                onChange={(e) => update({ coreSystem: e.target.value })}
              />
              <datalist id={`${id}-systems`}>
                {coreSystems.map((c) => (
                  <option key={c} value={c} />
                ))}
              </datalist>
            </>
          )}
        </Field>
      </div>
      <fieldset aria-describedby={errorsFor('integrationType').length > 0 ? 'integration-type-err' : undefined}>
        <legend>Integration type *</legend>
        <div className="row">
          {(['partner', 'custom'] as const).map((type) => (
            <label key={type} className="choice">
              <input
                id={type === 'partner' ? FIELD_IDS.integrationType : 'kickoff-integration-custom'}
                type="radio"
                name="integrationType"
                value={type}
                checked={draft.integrationType === type}
                onChange={() => update({ integrationType: type })}
              />
              {type === 'partner' ? 'Partner integration' : 'Custom integration'}
            </label>
          ))}
        </div>
        {errorsFor('integrationType').length > 0 && (
          <div id="integration-type-err" className="field-error">
            {errorsFor('integrationType').join(' ')}
          </div>
        )}
      </fieldset>
      <fieldset aria-describedby={errorsFor('capabilities').length > 0 ? 'capabilities-err' : undefined}>
        <legend>Capabilities</legend>
        <div className="row">
          {template.capabilities.map((c, index) => (
            <label key={c.code} className="choice">
              <input
                id={`kickoff-capability-${index}`}
                type="checkbox"
                checked={draft.capabilities.includes(c.code)}
                onChange={(e) => update({ capabilities: e.target.checked ? [...draft.capabilities, c.code] : draft.capabilities.filter((x) => x !== c.code) })}
              />
              {c.name}
            </label>
          ))}
        </div>
        {errorsFor('capabilities').length > 0 && (
          <div id="capabilities-err" className="field-error">
            {errorsFor('capabilities').join(' ')}
          </div>
        )}
      </fieldset>
      {optionalSteps.length > 0 && (
        <fieldset aria-describedby={errorsFor('optionalSteps').length > 0 ? 'optional-steps-err' : undefined}>
          <legend>Optional steps</legend>
          {optionalSteps.map((s, index) => (
            <label key={s.number} className="choice">
              <input
                id={`kickoff-optional-${index}`}
                type="checkbox"
                checked={draft.optionalSteps.includes(s.number)}
                onChange={(e) =>
                  update({
                    optionalSteps: e.target.checked
                      ? [...draft.optionalSteps, s.number].sort((a, b) => a - b)
                      : draft.optionalSteps.filter((n) => n !== s.number),
                  })
                }
              />
              {s.number}. {s.title}
            </label>
          ))}
          {errorsFor('optionalSteps').length > 0 && (
            <div id="optional-steps-err" className="field-error">
              {errorsFor('optionalSteps').join(' ')}
            </div>
          )}
        </fieldset>
      )}
      <fieldset aria-describedby={['holidays-help', holidayListErrors.length ? 'holidays-err' : ''].filter(Boolean).join(' ')}>
        <legend>Holidays</legend>
        <div id="holidays-help" className="field-help">
          Days off to skip when scheduling, picked like the kickoff date (weekends are skipped anyway).
        </div>
        {draft.holidays.map((holiday, row) => (
          <div key={row} className="field">
            <label htmlFor={holidayId(row)}>Holiday {row + 1}</label>
            <div className="row">
              <input
                id={holidayId(row)}
                type="date"
                value={holiday}
                aria-invalid={holidayErrors(row).length > 0}
                aria-describedby={holidayErrors(row).length > 0 ? `${holidayId(row)}-err` : undefined}
                onChange={(e) => update({ holidays: draft.holidays.map((h, i) => (i === row ? e.target.value : h)) })}
              />
              <button
                type="button"
                onClick={() => {
                  update({ holidays: draft.holidays.filter((_, i) => i !== row) });
                  setFocusTarget(FIELD_IDS.holidays);
                }}
              >
                Remove holiday {row + 1}
              </button>
            </div>
            {holidayErrors(row).length > 0 && (
              <div id={`${holidayId(row)}-err`} className="field-error">
                {holidayErrors(row).join(' ')}
              </div>
            )}
          </div>
        ))}
        <div>
          <button
            type="button"
            id={FIELD_IDS.holidays}
            onClick={() => {
              update({ holidays: [...draft.holidays, ''] });
              setFocusTarget(holidayId(draft.holidays.length));
            }}
          >
            Add a holiday
          </button>
        </div>
        {holidayListErrors.length > 0 && (
          <div id="holidays-err" className="field-error">
            {holidayListErrors.map((e) => e.message).join(' ')}
          </div>
        )}
      </fieldset>
      <h2>People</h2>
      <div className="row" style={{ alignItems: 'flex-start' }}>
        {USER_ROLES.map((code) => (
          <div key={code} style={{ flex: '1 1 180px' }}>
            <UserPicker
              id={roleId(code)}
              label={roleLabel(template, code)}
              projectKey={draft.projectKey}
              required={!isOptionalRole(code)}
              value={draft.users[code]}
              errors={errorsFor(`roles.${code}`)}
              onChange={(user) => update({ users: { ...draft.users, [code]: user } })}
            />
          </div>
        ))}
      </div>
      {CONTACT_ROLES.map((code) => (
        <div key={code} className="row" style={{ alignItems: 'flex-start' }}>
          <Field id={roleId(code)} label={`${roleLabel(template, code)} – name`} required={!isOptionalRole(code)} errors={contactNameErrors(code)} grow>
            {(id, described) => (
              <input
                id={id}
                type="text"
                aria-describedby={described}
                aria-invalid={errorsFor(`roles.${code}`).length > 0}
                value={draft.contacts[code].displayName}
                onChange={(e) => update({ contacts: { ...draft.contacts, [code]: { ...draft.contacts[code], displayName: e.target.value } } })}
              />
            )}
          </Field>
          <Field id={contactEmailId(code)} label={`${roleLabel(template, code)} – e-mail`} errors={errorsFor(`roles.${code}.email`)} grow>
            {(id, described) => (
              <input
                id={id}
                type="email"
                aria-describedby={described}
                aria-invalid={errorsFor(`roles.${code}.email`).length > 0}
                value={draft.contacts[code].email}
                onChange={(e) => update({ contacts: { ...draft.contacts, [code]: { ...draft.contacts[code], email: e.target.value } } })}
              />
            )}
          </Field>
        </div>
      ))}
      <ReminderSettings value={draft.reminders ?? remindersDraft(undefined)} errors={errors} onChange={(reminders) => update({ reminders })} />
      <div className="row">
        <button type="button" onClick={() => void onPreview()} disabled={busy !== null}>
          {busy === 'preview' ? 'Previewing…' : 'Preview steps'}
        </button>
        <button type="submit" className="primary" disabled={busy !== null}>
          {busy === 'save' ? 'Saving…' : 'Save kickoff'}
        </button>
      </div>
      {preview && <PreviewTable preview={preview} />}
    </form>
  );
}

const SUMMARY_ID = 'kickoff-error-summary';
const KEEP_EDITING_ID = 'kickoff-keep-editing';

function roleLabel(template: TemplateView, code: string): string {
  const role = template.roles.find((r) => r.code === code);
  return role ? `${role.name} (${code})` : code;
}

function Field({
  id: givenId,
  label,
  required,
  errors,
  help,
  grow,
  children,
}: {
  id?: string;
  label: string;
  required?: boolean;
  errors: string[];
  help?: string;
  grow?: boolean;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  const describedBy = [errors.length ? `${id}-err` : '', help ? `${id}-help` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field" style={grow ? { flex: '1 1 220px' } : undefined}>
      <label htmlFor={id}>
        {label}
        {required ? ' *' : ''}
      </label>
      {children(id, describedBy)}
      {help && (
        <div id={`${id}-help`} className="field-help">
          {help}
        </div>
      )}
      {errors.length > 0 && (
        <div id={`${id}-err`} className="field-error">
          {errors.join(' ')}
        </div>
      )}
    </div>
  );
}
