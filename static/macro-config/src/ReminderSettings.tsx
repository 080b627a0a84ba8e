/**
 * The plan's reminder settings in the kickoff form: whether the daily job e-mails this plan's people at all,
 * how many business days ahead the Responsible person hears that a step is due, and after how many business
 * days overdue the Accountable person is told. Errors come from the one kickoff schema (`reminders.*`).
 */
import { useId } from 'react';
import type { FieldError } from '../../../src/contract/result';
import type { RemindersDraft } from './reminders-draft';

export function ReminderSettings({ value, errors, onChange }: { value: RemindersDraft; errors: FieldError[]; onChange: (next: RemindersDraft) => void }) {
  const id = useId();
  const errorsOf = (field: string) => errors.filter((e) => e.field === `reminders.${field}`).map((e) => e.message);
  const general = errors.filter((e) => e.field === 'reminders' || e.field === 'reminders.enabled').map((e) => e.message);
  const number = (field: 'dueSoonDays' | 'escalateAfterDays', label: string, help: string, min: number) => {
    const fieldErrors = errorsOf(field);
    const inputId = `${id}-${field}`;
    return (
      <div className="field" style={{ flex: '1 1 220px' }}>
        <label htmlFor={inputId}>{label}</label>
        <input
          id={inputId}
          type="number"
          inputMode="numeric"
          min={min}
          max={60}
          step={1}
          disabled={!value.enabled}
          aria-describedby={[`${inputId}-help`, fieldErrors.length ? `${inputId}-err` : ''].filter(Boolean).join(' ')}
          aria-invalid={fieldErrors.length > 0}
          value={value[field]}
          onChange={(e) => onChange({ ...value, [field]: e.target.value })}
        />
        <div id={`${inputId}-help`} className="field-help">
          {help}
        </div>
        {fieldErrors.length > 0 && (
          <div id={`${inputId}-err`} className="field-error">
            {fieldErrors.join(' ')}
          </div>
        )}
      </div>
    );
  };
  return (
    <fieldset aria-describedby={general.length ? `${id}-err` : undefined}>
      <legend>Reminders</legend>
      <div className="field">
        <label htmlFor={`${id}-enabled`}>
          <input id={`${id}-enabled`} type="checkbox" checked={value.enabled} onChange={(e) => onChange({ ...value, enabled: e.target.checked })} /> E-mail this
          plan&apos;s people about due and overdue steps (daily, business days only)
        </label>
      </div>
      <div className="row" style={{ alignItems: 'flex-start' }}>
        {number('dueSoonDays', 'Due-soon notice (business days)', 'Remind the Responsible person this many business days before a due date (0–60).', 0)}
        {number('escalateAfterDays', 'Escalate after (business days overdue)', 'Tell the Accountable person once a step is this late (1–60).', 1)}
      </div>
      {general.length > 0 && (
        <div id={`${id}-err`} className="field-error">
          {general.join(' ')}
        </div>
      )}
    </fieldset>
  );
}
