/** Small shared UI pieces: app boot (theme + root), flags for errors, loading and empty states. */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { view } from '@forge/bridge';
import type { ResultError } from '../../src/contract/result';
import './base.css';

export function startApp(app: ReactNode): void {
  // Follow the host's light/dark theme; tokens fall back to light values if theming is unavailable.
  view.theme.enable().catch(() => undefined);
  const element = document.getElementById('root');
  if (!element) throw new Error('index.html has no #root');
  createRoot(element).render(<FlagsProvider>{app}</FlagsProvider>);
}

interface Flag {
  id: number;
  kind: 'error' | 'warning' | 'success';
  title: string;
  description?: string;
}

interface FlagsApi {
  showError(error: ResultError | string): void;
  showSuccess(title: string, description?: string): void;
  /** Something to know that did not stop the action (e.g. generation warnings). */
  showWarning(title: string, description?: string): void;
}

const FlagsContext = createContext<FlagsApi>({ showError: () => undefined, showSuccess: () => undefined, showWarning: () => undefined });

export const useFlags = () => useContext(FlagsContext);

const ERROR_TITLES: Record<string, string> = {
  INVALID_INPUT: 'Check the form',
  INVALID_KICKOFF: 'The kickoff needs changes',
  PROJECT_NOT_FOUND: 'Project not found',
  ISSUE_TYPE_MISSING: 'Issue type missing',
  PERMISSION_DENIED: 'Permission needed',
  RATE_LIMITED: 'Jira is busy',
  JIRA_ERROR: 'Jira error',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Someone else is on it',
  INTERNAL: 'Something went wrong',
};

function FlagsProvider({ children }: { children: ReactNode }) {
  const [flags, setFlags] = useState<Flag[]>([]);
  const dismiss = useCallback((id: number) => setFlags((all) => all.filter((f) => f.id !== id)), []);
  const push = useCallback(
    (flag: Omit<Flag, 'id'>) => {
      const id = Date.now() + Math.random();
      setFlags((all) => [...all.slice(-2), { ...flag, id }]);
      if (flag.kind === 'success') setTimeout(() => dismiss(id), 5000);
    },
    [dismiss],
  );
  const api = useMemo<FlagsApi>(
    () => ({
      showError: (error) =>
        typeof error === 'string'
          ? push({ kind: 'error', title: 'Something went wrong', description: error })
          : push({ kind: 'error', title: ERROR_TITLES[error.code] ?? 'Error', description: error.message }),
      showSuccess: (title, description) => push({ kind: 'success', title, description }),
      showWarning: (title, description) => push({ kind: 'warning', title, description }),
    }),
    [push],
  );
  return (
    <FlagsContext.Provider value={api}>
      {children}
      <div className="flags" role="region" aria-label="Notifications" aria-live="polite">
        {flags.map((flag) => (
          <div key={flag.id} className={`flag ${flag.kind}`} role={flag.kind === 'success' ? 'status' : 'alert'}>
            <div>
              <strong>{flag.title}</strong>
              {flag.description && <div className="subtle">{flag.description}</div>}
            </div>
            <button type="button" className="link" onClick={() => dismiss(flag.id)} aria-label={`Dismiss: ${flag.title}`}>
              ✕
            </button>
          </div>
        ))}
      </div>
    </FlagsContext.Provider>
  );
}

export function Loading({ label }: { label: string }) {
  return (
    <div className="row subtle" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

export function Lozenge({ tone, children }: { tone?: 'success' | 'inprogress' | 'danger' | 'warning'; children: ReactNode }) {
  return <span className={`lozenge ${tone ?? ''}`}>{children}</span>;
}
