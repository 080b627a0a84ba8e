/**
 * The playbook page's two macros, one app: the module key the host gives decides the view. Both render the
 * current published template, so the page shows what the app generates plans from.
 */
import { useEffect, useState } from 'react';
import { api } from '../../shared/api';
import { loadContext } from '../../shared/context';
import { startApp, Loading } from '../../shared/ui';
import { PlaybookView } from './PlaybookView';
import { SupportedIntegrationsView } from './SupportedIntegrationsView';
import type { PlaybookPageView, SupportedIntegrationsPageView } from '../../../src/contract/template-admin';

type State<T> = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; data: T };

function useResolver<T>(load: () => Promise<{ ok: true; data: T } | { ok: false; error: { message: string } }>): [State<T>, () => void] {
  const [state, setState] = useState<State<T>>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let cancelled = false;
    load().then(
      (result) => {
        if (!cancelled) setState(result.ok ? { kind: 'ready', data: result.data } : { kind: 'failed', message: result.error.message });
      },
      (error: unknown) => !cancelled && setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [load, attempt]);
  return [state, () => setAttempt((n) => n + 1)];
}

function Failed({ message, retry }: { message: string; retry: () => void }) {
  return (
    <div className="card" role="alert">
      <p>The playbook could not load: {message}</p>
      <button type="button" onClick={retry}>
        Try again
      </button>
    </div>
  );
}

const loadPlaybook = () => api.getPlaybookPage({});
const loadIntegrations = () => api.getSupportedIntegrationsPage({});

function PlaybookMacro() {
  const [state, retry] = useResolver<PlaybookPageView>(loadPlaybook);
  if (state.kind === 'loading') return <Loading label="Loading the playbook…" />;
  if (state.kind === 'failed') return <Failed message={state.message} retry={retry} />;
  return <PlaybookView playbook={state.data.playbook} />;
}

function IntegrationsMacro() {
  const [state, retry] = useResolver<SupportedIntegrationsPageView>(loadIntegrations);
  if (state.kind === 'loading') return <Loading label="Loading the supported integrations…" />;
  if (state.kind === 'failed') return <Failed message={state.message} retry={retry} />;
  return <SupportedIntegrationsView page={state.data} />;
}

function Macro() {
  const [moduleKey, setModuleKey] = useState<string | null>(null);
  useEffect(() => {
    loadContext().then(
      (context) => setModuleKey(context.moduleKey),
      () => setModuleKey(''),
    );
  }, []);
  if (moduleKey === null) return <Loading label="Loading…" />;
  return moduleKey.endsWith('-integrations-macro') ? <IntegrationsMacro /> : <PlaybookMacro />;
}

startApp(<Macro />);
