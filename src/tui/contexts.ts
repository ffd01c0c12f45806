// The debugger's contexts, split as gemini-cli splits them: the session, the UI state, and the actions that change them — the views of XEP-0045 rooms (§5, §7)
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { DebugSession } from '../debugger/debug-session.js';
import type { UiActions } from './actions.js';
import type { UiState } from './ui-state.js';

export const SessionContext = createContext<DebugSession | undefined>(undefined);
export const UiStateContext = createContext<UiState | undefined>(undefined);
export const UiActionsContext = createContext<UiActions | undefined>(undefined);

function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`${name} is used outside the debugger's App`);
  return value;
}

/** The session, with the component subscribed to its changes (its version is the snapshot). */
export function useSession(): DebugSession {
  const session = required(useContext(SessionContext), 'useSession');
  useSyncExternalStore(session.subscribe, session.getSnapshot);
  return session;
}

export function useUi(): UiState {
  return required(useContext(UiStateContext), 'useUi');
}

export function useUiActions(): UiActions {
  return required(useContext(UiActionsContext), 'useUiActions');
}
