/** A people picker over the searchUsers resolver (ARIA combobox with a listbox of matches). */
import { useEffect, useRef, useState } from 'react';
import type { JiraUserRef, UserView } from '../../../src/contract/types';
import { api } from '../../shared/api';

interface Props {
  /** The input's id (the error summary links to it). */
  id: string;
  label: string;
  projectKey: string;
  value: JiraUserRef | null;
  onChange(value: JiraUserRef | null): void;
  errors: string[];
  required: boolean;
}

export function UserPicker({ id, label, projectKey, value, onChange, errors, required }: Props) {
  const [query, setQuery] = useState(value?.displayName ?? '');
  const [matches, setMatches] = useState<UserView[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [searchError, setSearchError] = useState<string | null>(null);
  const latest = useRef(0);

  useEffect(() => setQuery(value?.displayName ?? ''), [value]);

  useEffect(() => {
    if (!open || !projectKey || query.trim().length < 1 || query === value?.displayName) return;
    const ticket = ++latest.current;
    const timer = setTimeout(() => {
      void api.searchUsers({ projectKey, query: query.trim() }).then((r) => {
        if (ticket !== latest.current) return;
        if (r.ok) {
          setMatches(r.data.users);
          setSearchError(null);
          setActive(0);
        } else setSearchError(r.error.message);
      });
    }, 250);
    return () => clearTimeout(timer);
  }, [query, open, projectKey, value]);

  function choose(user: UserView) {
    onChange({ accountId: user.accountId, displayName: user.displayName });
    setQuery(user.displayName);
    setOpen(false);
  }

  const listId = `${id}-list`;
  const shown = open && matches.length > 0;
  const messages = [...errors, ...(searchError ? [searchError] : [])];
  return (
    <div className="field" style={{ position: 'relative' }}>
      <label htmlFor={id}>
        {label}
        {required ? ' *' : ' (optional)'}
      </label>
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown ? `${listId}-${active}` : undefined}
        aria-invalid={errors.length > 0}
        aria-describedby={messages.length ? `${id}-err` : undefined}
        placeholder={projectKey ? 'Type a name' : 'Choose a project first'}
        disabled={!projectKey}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          if (value) onChange(null);
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (!shown) return;
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, matches.length - 1));
          }
          if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          }
          if (e.key === 'Enter') {
            e.preventDefault();
            choose(matches[active]);
          }
          if (e.key === 'Escape') {
            // Closes the list only, not the dialog around the form.
            e.preventDefault();
            setOpen(false);
          }
        }}
      />
      {shown && (
        <ul
          id={listId}
          role="listbox"
          aria-label={`${label} matches`}
          className="card"
          style={{ position: 'absolute', zIndex: 5, left: 0, right: 0, margin: 0, padding: 4, listStyle: 'none' }}
        >
          {matches.map((user, index) => (
            <li
              key={user.accountId}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(user);
              }}
              style={{
                padding: '4px 8px',
                cursor: 'pointer',
                borderRadius: 3,
                background: index === active ? 'var(--ds-background-selected, #e9f2ff)' : undefined,
              }}
            >
              {user.displayName}
            </li>
          ))}
        </ul>
      )}
      {messages.length > 0 && (
        <div id={`${id}-err`} className="field-error">
          {messages.join(' ')}
        </div>
      )}
    </div>
  );
}
