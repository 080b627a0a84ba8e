/**
 * The macro's configuration: the kickoff form. Checks the form locally with the contract's schema, asks the
 * backend for a preview (which also applies the playbook's rules and answers field errors), and saves with
 * view.submit so the host stores it as the macro's config.
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import { view } from '@forge/bridge';
import type { FieldError } from '../../../src/contract/result';
import type { PreviewPlanResult, ProjectView, TemplateView } from '../../../src/contract/types';
import { api } from '../../shared/api';
import { loadContext, type AppContext } from '../../shared/context';
import { PreviewTable } from '../../shared/kickoff';
import { Loading, useFlags } from '../../shared/ui';
import { CONTACT_ROLES, USER_ROLES, draftFromKickoff, holidayLabel, isOptionalRole, normaliseFieldErrors, type Draft } from './draft';
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

  useEffect(() => {
    (async () => {
      const context = await loadContext();
      const [template, projects, validation] = await Promise.all([api.getTemplate({}), api.listProjects({}), import('./validation')]);
      if (!template.ok) throw new Error(template.error.message);
      if (!projects.ok) throw new Error(projects.error.message);
      setLoaded({ context, template: template.data, projects: projects.data.projects, validation });
      setDraft(draftFromKickoff(validation.savedKickoff(context.config), template.data));
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

  function check() {
    const checked = validation.checkDraft(draft!);
    if (!checked.ok) {
      setErrors(checked.fields);
      flags.showError({ code: 'INVALID_INPUT', message: `${checked.fields.length} field(s) need attention.` });
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
    setErrors(normaliseFieldErrors(result.error.fields));
    flags.showError(result.error);
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
      await view.submit({ kickoff });
    } catch (e) {
      flags.showError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }

  const optionalSteps = template.steps.filter((s) => s.conditions.some((c) => c.kind === 'optional'));
  const coreSystems = [...new Set(template.supportedIntegrations.map((i) => i.coreSystem))];
  const holidayErrors = errors
    .filter((e) => e.field.startsWith('holidays'))
    .map((e) => (/^holidays\.\d+$/.test(e.field) ? `${holidayLabel(draft, Number(e.field.split('.')[1]))}: ${e.message}` : e.message));

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
      <div className="row" style={{ alignItems: 'flex-start' }}>
        <Field label="Jira project" required errors={errorsFor('projectKey')} grow>
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
        <Field label="Kickoff date" required errors={errorsFor('kickoffDate')}>
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
        <Field label="Biller" required errors={errorsFor('biller')} grow>
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
        <Field label="Core system" required errors={errorsFor('coreSystem')} help="Pick a supported integration or type a new one." grow>
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
      <fieldset aria-describedby="integration-type-err">
        <legend>Integration type *</legend>
        <div className="row">
          {(['partner', 'custom'] as const).map((type) => (
            <label key={type} className="choice">
              <input
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
      <fieldset>
        <legend>Capabilities</legend>
        <div className="row">
          {template.capabilities.map((c) => (
            <label key={c.code} className="choice">
              <input
                type="checkbox"
                checked={draft.capabilities.includes(c.code)}
                onChange={(e) => update({ capabilities: e.target.checked ? [...draft.capabilities, c.code] : draft.capabilities.filter((x) => x !== c.code) })}
              />
              {c.name}
            </label>
          ))}
        </div>
        {errorsFor('capabilities').length > 0 && <div className="field-error">{errorsFor('capabilities').join(' ')}</div>}
      </fieldset>
      {optionalSteps.length > 0 && (
        <fieldset>
          <legend>Optional steps</legend>
          {optionalSteps.map((s) => (
            <label key={s.number} className="choice">
              <input
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
          {errorsFor('optionalSteps').length > 0 && <div className="field-error">{errorsFor('optionalSteps').join(' ')}</div>}
        </fieldset>
      )}
      <Field label="Holidays" errors={holidayErrors} help="Days off to skip when scheduling, one date per line (2025-07-04).">
        {(id, described) => (
          <textarea
            id={id}
            rows={2}
            aria-describedby={described}
            aria-invalid={holidayErrors.length > 0}
            value={draft.holidays}
            onChange={(e) => update({ holidays: e.target.value })}
          />
        )}
      </Field>
      <h2>People</h2>
      <div className="row" style={{ alignItems: 'flex-start' }}>
        {USER_ROLES.map((code) => (
          <div key={code} style={{ flex: '1 1 180px' }}>
            <UserPicker
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
          <Field label={`${roleLabel(template, code)} – name`} required={!isOptionalRole(code)} errors={contactNameErrors(code)} grow>
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
          <Field label={`${roleLabel(template, code)} – e-mail`} errors={errorsFor(`roles.${code}.email`)} grow>
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

function roleLabel(template: TemplateView, code: string): string {
  const role = template.roles.find((r) => r.code === code);
  return role ? `${role.name} (${code})` : code;
}

function Field({
  label,
  required,
  errors,
  help,
  grow,
  children,
}: {
  label: string;
  required?: boolean;
  errors: string[];
  help?: string;
  grow?: boolean;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}) {
  const id = useId();
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
