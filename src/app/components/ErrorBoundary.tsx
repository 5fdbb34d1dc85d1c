import { Component, type ComponentChildren } from 'preact';
import { recoverFromError } from '../recovery.ts';

/** Catches a render error of one screen; recovery ends the session and shows home again. */
export class ErrorBoundary extends Component<{ children: ComponentChildren }, { failed: boolean }> {
  override state = { failed: false };

  override componentDidCatch(): void {
    this.setState({ failed: true });
    recoverFromError();
  }

  override render() {
    return this.state.failed ? null : this.props.children;
  }
}
