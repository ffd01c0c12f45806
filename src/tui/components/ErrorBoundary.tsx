// Error boundary: a bug thrown while rendering a pane shows an error panel instead of ending the debugger — XEP-0045 sessions go on (§7–§10)
import { Component, type ReactNode } from 'react';
import { ErrorPanel } from './ErrorPanel.js';

export interface ErrorBoundaryProps {
  /** A new value (the session version) clears the error and renders the children again. */
  resetKey: unknown;
  width: number;
  height: number;
  children?: ReactNode;
}

interface State {
  error?: Error;
  key: unknown;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  override state: State = { key: undefined };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: ErrorBoundaryProps, state: State): Partial<State> | null {
    if (props.resetKey !== state.key) return { key: props.resetKey, error: undefined };
    return null;
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <ErrorPanel
        title="Error while drawing"
        message={error.message}
        stack={error.stack}
        width={this.props.width}
        height={this.props.height}
      />
    );
  }
}
